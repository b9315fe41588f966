// Package timers recognizes the time package's timers and tickers: the
// functions that make them and the methods that stop, reset and read them.
package timers

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/syncops"
)

// Func returns the name of the package-level function of package time that
// call invokes ("After", "NewTimer", "NewTicker", "AfterFunc", "Tick"), or
// "" if it invokes none.
func Func(info *types.Info, call *ast.CallExpr) string {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "time" || fn.Signature().Recv() != nil {
		return ""
	}
	switch fn.Name() {
	case "After", "NewTimer", "NewTicker", "AfterFunc", "Tick":
		return fn.Name()
	}
	return ""
}

// TimerMethod returns the method of time.Timer that call invokes and the
// timer it acts on.
func TimerMethod(info *types.Info, call *ast.CallExpr) (string, refs.Ref) {
	return syncops.MethodCall(info, call, "time", "Timer")
}

// Method returns the method of time.Timer or time.Ticker that call invokes
// ("Stop", "Reset") and the timer it acts on.
func Method(info *types.Info, call *ast.CallExpr) (string, refs.Ref) {
	if name, r := syncops.MethodCall(info, call, "time", "Timer"); name != "" {
		return name, r
	}
	return syncops.MethodCall(info, call, "time", "Ticker")
}

// Chan returns the timer whose channel field C expr reads (t in t.C).
func Chan(info *types.Info, expr ast.Expr) refs.Ref {
	if !IsChan(info, expr) {
		return refs.Ref{}
	}
	return refs.Of(info, ast.Unparen(expr).(*ast.SelectorExpr).X)
}

// IsChan reports whether expr reads the channel field C of a timer or
// ticker, whichever expression yields it.
func IsChan(info *types.Info, expr ast.Expr) bool {
	sel, ok := ast.Unparen(expr).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "C" && IsTimer(info.TypeOf(sel.X))
}

// Received returns the timer whose channel expr receives from (t in <-t.C).
func Received(info *types.Info, expr ast.Expr) refs.Ref {
	u, ok := ast.Unparen(expr).(*ast.UnaryExpr)
	if !ok || u.Op.String() != "<-" {
		return refs.Ref{}
	}
	return Chan(info, u.X)
}

// IsTimer reports whether t is time.Timer or time.Ticker, or a pointer to one.
func IsTimer(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "time" {
		return false
	}
	return n.Obj().Name() == "Timer" || n.Obj().Name() == "Ticker"
}
