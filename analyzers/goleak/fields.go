package goleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/prims"
	"github.com/concvet/concvet/internal/refs"
)

// checkShared reports the goroutines that block forever on a channel kept
// in a struct field or a package variable that nothing in the package
// feeds: a receive from a channel that no code sends on or closes, or a
// send on an unbuffered channel that no code receives from. The SSA walk
// of checkGo stays silent on such channels (it cannot see their other
// side); the package-wide index of synchronization operations can, as long
// as the channel does not escape (an exported field, a channel passed,
// returned or assigned from elsewhere).
func checkShared(pass *analysis.Pass, ins *inspector.Inspector, x *prims.Index, reported map[token.Pos]bool) {
	info := pass.TypesInfo
	decls := funcs.IndexDecls(info, ins)
	done := make(map[ast.Node]bool)
	loops := goInLoops(ins)
	for cur := range ins.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		if reported[g.Pos()] {
			continue // already reported as a goroutine that never finishes
		}
		t := funcs.Resolve(info, decls, g.Call)
		fn := t.Node()
		if fn == nil {
			continue
		}
		for _, o := range x.Ops {
			if o.Func != fn || !o.Blocking || o.Deferred || done[o.Node] || x.Escaped[o.Key] {
				continue
			}
			var why string
			switch {
			case !shared(o.Key):
				_, lit := fn.(*ast.FuncLit)
				why = waitsForItself(x, o, lit && !loops[fn] && !funcs.InLoop(cur))
			case o.Kind == prims.Recv:
				// A receive-only channel's senders are where it was
				// made, which is not this package's code.
				if len(x.Of(o.Key, prims.Send, prims.Close)) == 0 && !receiveOnly(pass.TypesInfo, o) {
					why = fmt.Sprintf("nothing in the package sends on or closes %s", o.Key)
				}
			case o.Kind == prims.Send && x.Unbuffered(o.Key):
				if len(x.Of(o.Key, prims.Recv)) == 0 {
					why = fmt.Sprintf("nothing in the package receives from %s, an unbuffered channel", o.Key)
				}
			case o.Kind == prims.Send:
				spawner, _ := funcs.Enclosing(cur)
				if funcs.InLoop(cur) {
					spawner = nil // many goroutines: the receives are shared
				}
				why = overfilled(x, o, loops, spawner)
				if why != "" {
					o = firstToBlock(x, o)
				}
			}
			if why == "" {
				continue
			}
			done[o.Node] = true
			gp := pass.Fset.Position(g.Pos())
			pass.Report(analysis.Diagnostic{
				Pos:      o.Node.Pos(),
				End:      o.Node.End(),
				Category: "goleak",
				Message: fmt.Sprintf("goroutine blocks here forever: %s; the goroutine started at %s:%d never finishes; give the channel its other side, or a select on ctx.Done() that returns",
					why, filepathBase(gp.Filename), gp.Line),
				Related: []analysis.RelatedInformation{{Pos: g.Pos(), End: g.Call.End(), Message: "the goroutine is started here"}},
			})
			break // the goroutine blocks at its first such operation: one finding
		}
	}
}

// firstToBlock returns the send of o's goroutine on o's channel that fills
// the buffer past its capacity: o itself when it is in a loop, else the
// send after the first ones, in the source of its function, that the
// buffer and the receives take.
func firstToBlock(x *prims.Index, o *prims.Op) *prims.Op {
	if inLoop(o) {
		return o
	}
	var mine []*prims.Op
	for _, s := range x.Of(o.Key, prims.Send) {
		if s.Func == o.Func {
			mine = append(mine, s)
		}
	}
	// The buffer, then the receives (all the spawner's, when there are
	// any: see outnumbered), take the first sends.
	taken := x.Caps[o.Key][0] + int64(len(x.Of(o.Key, prims.Recv)))
	for _, s := range mine {
		if inLoop(s) {
			return s
		}
	}
	if int64(len(mine)) > taken {
		return mine[taken]
	}
	return o
}

// waitsForItself explains why the blocking operation o, on a channel that
// only its own goroutine uses, never completes: every operation that could
// complete it is in the same function, after it — or, when the goroutine
// is the only one running that function (once: a literal started once),
// before it in a loop around both, which comes round only after o. A
// goroutine that sends on an unbuffered channel and receives from it later
// waits for itself.
func waitsForItself(x *prims.Index, o *prims.Op, once bool) string {
	if !x.Unbuffered(o.Key) {
		return ""
	}
	var partners []*prims.Op
	switch o.Kind {
	case prims.Send:
		partners = x.Of(o.Key, prims.Recv)
	case prims.Recv:
		partners = x.Of(o.Key, prims.Send, prims.Close)
	default:
		return ""
	}
	if len(partners) == 0 {
		return "" // no partner at all: the SSA walk judges it
	}
	for _, p := range partners {
		// A partner before o runs again only on the loop's next round,
		// which the goroutine reaches only once o completes.
		if p.Func != o.Func || (p.Node.Pos() < o.Node.Pos() && !(once && inOneLoop(o.Func, p.Node, o.Node))) {
			return ""
		}
	}
	if o.Kind == prims.Send {
		return fmt.Sprintf("the only receives from %s are made later by this same goroutine, which waits for itself", o.Key)
	}
	return fmt.Sprintf("the only sends on %s are made later by this same goroutine, which waits for itself", o.Key)
}

// overfilled explains why the send o on a buffered channel with a constant
// capacity blocks forever: nothing in the package receives from it, and
// more sends than its capacity run (a send in a loop, in goroutines started
// in a loop, or more send statements than the buffer holds); or its only
// receives are the spawner's, each made once (spawner is the function that
// starts o's goroutine once, nil when unknown or started in a loop), and
// the goroutine's sends, each made once, outnumber them plus the buffer.
func overfilled(x *prims.Index, o *prims.Op, loops map[ast.Node]bool, spawner ast.Node) string {
	caps := x.Caps[o.Key]
	if len(caps) == 0 {
		return ""
	}
	if recvs := x.Of(o.Key, prims.Recv); len(recvs) > 0 {
		return outnumbered(x, o, recvs, caps, spawner)
	}
	capacity := caps[0]
	for _, c := range caps {
		if c != capacity || c <= 0 {
			return "" // capacities that differ, or one that is not a constant
		}
	}
	sends := x.Of(o.Key, prims.Send)
	repeated := int64(len(sends)) > capacity
	for _, s := range sends {
		repeated = repeated || loops[s.Func] || inLoop(s)
	}
	if !repeated {
		return ""
	}
	return fmt.Sprintf("nothing in the package receives from %s, and more sends run than its buffer of %d holds", o.Key, capacity)
}

// outnumbered is overfilled's judgement when the channel has receives: all
// of them plain receives in spawner, outside loops, and every send on the
// channel a send of o's goroutine outside loops, more of them than the
// buffer and the receives take.
func outnumbered(x *prims.Index, o *prims.Op, recvs []*prims.Op, caps []int64, spawner ast.Node) string {
	if spawner == nil || spawner == o.Func {
		return ""
	}
	capacity := caps[0]
	for _, c := range caps {
		if c != capacity || c <= 0 {
			return ""
		}
	}
	for _, r := range recvs {
		if r.Func != spawner || !r.Blocking || inLoop(r) {
			return "" // another receiver, a select case, or a receive loop
		}
		if _, ok := r.Node.(*ast.RangeStmt); ok {
			return ""
		}
	}
	sends := x.Of(o.Key, prims.Send)
	for _, s := range sends {
		if s.Func != o.Func || inLoop(s) || s.Deferred {
			return ""
		}
	}
	if int64(len(sends)) <= capacity+int64(len(recvs)) {
		return ""
	}
	only := "once"
	if len(recvs) > 1 {
		only = fmt.Sprintf("%d times", len(recvs))
	}
	return fmt.Sprintf("the goroutine sends on %s %d times, its buffer holds %d and the spawner receives only %s", o.Key, len(sends), capacity, only)
}

// inOneLoop reports whether a loop of fn (not of a function literal inside
// it) encloses both a and b; a range statement encloses what its body does.
func inOneLoop(fn ast.Node, a, b ast.Node) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if found {
			return false
		}
		if lit, ok := n.(*ast.FuncLit); ok && ast.Node(lit) != fn {
			return false
		}
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= a.Pos() && a.End() <= n.End() && n.Pos() <= b.Pos() && b.End() <= n.End() {
				found = true
			}
		}
		return !found
	})
	return found
}

// inLoop reports whether the operation is inside a loop of its function.
func inLoop(o *prims.Op) bool {
	found := false
	ast.Inspect(o.Func, func(n ast.Node) bool {
		if found {
			return false
		}
		if lit, ok := n.(*ast.FuncLit); ok && ast.Node(lit) != o.Func {
			return false
		}
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= o.Node.Pos() && o.Node.End() <= n.End() {
				found = true
			}
		}
		return !found
	})
	return found
}

// goInLoops returns the function literals started by a go statement inside
// a loop: each runs many times.
func goInLoops(ins *inspector.Inspector) map[ast.Node]bool {
	out := make(map[ast.Node]bool)
	for cur := range ins.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
		if !ok {
			continue
		}
		if funcs.InLoop(cur) { // many goroutines
			out[lit] = true
		}
	}
	return out
}

// receiveOnly reports whether the channel o receives from has type
// <-chan T: code that can only receive from it cannot send on or close it,
// so its producers are elsewhere.
func receiveOnly(info *types.Info, o *prims.Op) bool {
	var ch ast.Expr
	switch n := o.Node.(type) {
	case *ast.UnaryExpr:
		ch = n.X
	case *ast.RangeStmt:
		ch = n.X
	}
	if ch == nil {
		return false
	}
	c, ok := info.TypeOf(ch).Underlying().(*types.Chan)
	return ok && c.Dir() == types.RecvOnly
}

// shared reports whether k names a struct field or a package variable: a
// channel whose operations may be anywhere in the package.
func shared(k refs.Key) bool {
	if k.Owner != nil {
		return true
	}
	return k.Var != nil && k.Var.Pkg() != nil && k.Var.Parent() == k.Var.Pkg().Scope()
}

func filepathBase(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' || name[i] == '\\' {
			return name[i+1:]
		}
	}
	return name
}
