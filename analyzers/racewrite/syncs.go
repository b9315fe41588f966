package racewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/summary"
	"github.com/concvet/concvet/internal/typesutil"
)

// A level says how an operation may order two goroutines.
type level uint8

const (
	// none: the operation cannot synchronize with another goroutine (a
	// standard-library computation, a builtin, a conversion).
	none level = iota
	// weak: the operation may, through state the analysis cannot see: a
	// call of a function value, of a method of an interface declared
	// outside the standard library, of a function of another module.
	weak
	// strong: a synchronization the analysis sees: a channel operation, a
	// call into sync, sync/atomic, context or golang.org/x/sync, a call
	// that is handed a channel or a sync value.
	strong
)

// An effect is what an operation may do to order goroutines: acquire
// (wait for, or observe, another goroutine's release) and release (let
// another goroutine's acquire proceed), each at some level.
type effect struct{ acq, rel level }

func both(l level) effect { return effect{l, l} }

func (e effect) join(o effect) effect { return effect{max(e.acq, o.acq), max(e.rel, o.rel)} }

// syncs classifies operations and the package's own functions by how they
// may synchronize.
type syncs struct {
	info  *types.Info
	decls funcs.Decls
	fns   map[*types.Func]effect
}

func newSyncs(fset *token.FileSet, info *types.Info, decls funcs.Decls) *syncs {
	s := &syncs{info: info, decls: decls, fns: make(map[*types.Func]effect)}
	summary.Solve(summary.CallGraph(fset, info, decls), s.fns, func(fn *types.Func) effect {
		if d := decls[fn]; d != nil && d.Body != nil {
			return s.body(d.Body)
		}
		return effect{}
	}, func(a, b effect) bool { return a == b })
	return s
}

// node returns the effect of what node n of a control-flow graph does at
// its own point: a deferred call happens later, a go statement's function
// on another goroutine.
func (s *syncs) node(n ast.Node) effect {
	switch n := n.(type) {
	case *ast.DeferStmt:
		return effect{}
	case *ast.RangeStmt: // a range loop's head, where it takes each element
		t := s.info.TypeOf(n.X)
		if t == nil {
			return effect{}
		}
		switch t.Underlying().(type) {
		case *types.Chan:
			return effect{acq: strong}
		case *types.Signature:
			return both(weak)
		}
		return effect{}
	}
	return s.walk(n, false)
}

// body returns the effect of a function body: everything it does,
// deferred calls included.
func (s *syncs) body(b *ast.BlockStmt) effect { return s.walk(b, true) }

// walk returns the joined effect of the operations in n. The bodies of
// function literals count where they run here: called on the spot, or
// handed to a call that may run them.
func (s *syncs) walk(n ast.Node, deferred bool) effect {
	var lv effect
	ast.Inspect(n, func(m ast.Node) bool {
		if lv == both(strong) {
			return false
		}
		switch m := m.(type) {
		case *ast.FuncLit:
			return false // counted by the call that runs it
		case *ast.DeferStmt:
			if !deferred {
				return false
			}
		case *ast.GoStmt:
			// The new goroutine's work does not order the spawner;
			// the arguments are evaluated here.
			for _, arg := range m.Call.Args {
				lv = lv.join(s.walk(arg, deferred))
			}
			return false
		case *ast.SendStmt, *ast.SelectStmt:
			// A send may wait for a receive (unbuffered, or a full
			// buffer: a semaphore), and a select for anything.
			lv = both(strong)
		case *ast.UnaryExpr:
			if m.Op == token.ARROW {
				lv = lv.join(effect{acq: strong})
			}
		case *ast.RangeStmt:
			lv = lv.join(s.node(m))
		case *ast.CallExpr:
			lv = lv.join(s.call(m, deferred))
		}
		return true
	})
	return lv
}

// call returns the effect of a call, without its arguments' own operations
// (walk visits those).
func (s *syncs) call(call *ast.CallExpr, deferred bool) effect {
	info := s.info
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return effect{} // a conversion
	}
	if isSpawn(info, call) {
		return effect{}
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			if b.Name() == "close" {
				return effect{rel: strong}
			}
			return effect{}
		}
	}
	t := funcs.Resolve(info, s.decls, call)
	if t.Func != nil && t.Func.Pkg() != nil && syncPackage(t.Func.Pkg().Path()) {
		// The receiver is the synchronization value the method acts on
		// as syncMethod says, not one handed over.
		return s.args(call, false, deferred).join(syncMethod(t.Func))
	}
	lv := s.args(call, true, deferred)
	if t.Func != nil && s.decls[t.Func] == nil && t.Func.Pkg() != nil && standard(t.Func.Pkg().Path()) {
		lv = lv.join(s.streams(call))
	}
	switch {
	case t.Lit != nil:
		return lv.join(s.walk(t.Lit.Body, true))
	case t.Func != nil:
		return lv.join(s.function(t.Func))
	}
	// A function value, an interface method.
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if m, ok := info.Uses[sel.Sel].(*types.Func); ok && types.IsInterface(info.TypeOf(sel.X)) {
			switch {
			case m.Name() == "Error" || m.Name() == "String":
				return lv
			case m.Pkg() != nil && syncPackage(m.Pkg().Path()):
				return lv.join(effect{acq: strong}) // context.Context's Done and Err
			case m.Pkg() != nil && standard(m.Pkg().Path()):
				return lv // io.Writer, net.Listener: no goroutine of ours on the other side
			}
		}
	}
	return lv.join(both(weak))
}

// function returns the effect of a call of fn.
func (s *syncs) function(fn *types.Func) effect {
	if s.decls[fn] != nil {
		return s.fns[fn]
	}
	pkg := fn.Pkg()
	if pkg == nil {
		return effect{} // error.Error and the like
	}
	path := pkg.Path()
	switch {
	case syncPackage(path):
		return syncMethod(fn)
	case path == "io" && pipe(fn):
		return both(strong)
	case standard(path):
		return effect{}
	}
	return both(weak)
}

// syncMethod returns the effect of a function of a synchronization
// package. The ones that only wait acquire, the ones that only let others
// proceed release; WaitGroup.Add and the constructors do neither, and the
// rest (atomics, sync.Map, Cond.Wait, singleflight) do both.
func syncMethod(fn *types.Func) effect {
	recv := fn.Signature().Recv()
	if recv == nil {
		switch fn.Pkg().Path() {
		case "sync", "context":
			return effect{} // sync.NewCond, context.WithCancel
		}
		return both(strong)
	}
	t := deref(recv.Type())
	switch {
	case typesutil.IsNamed(t, "sync", "WaitGroup"):
		switch fn.Name() {
		case "Wait":
			return effect{acq: strong}
		case "Done":
			return effect{rel: strong}
		}
		return effect{}
	case typesutil.IsNamed(t, "golang.org/x/sync/errgroup", "Group"):
		if fn.Name() == "Wait" {
			return effect{acq: strong}
		}
		return effect{}
	}
	switch fn.Name() {
	case "Lock", "RLock", "TryLock", "TryRLock", "Acquire", "TryAcquire", "Do":
		// Once.Do waits for the first call's function to return.
		return effect{acq: strong}
	case "Unlock", "RUnlock", "Release", "Signal", "Broadcast":
		return effect{rel: strong}
	}
	return both(strong)
}

// args returns the effect that a call gets from what it is handed: a
// channel or a sync value may be waited on, a function literal runs its
// body, another function value may do anything.
func (s *syncs) args(call *ast.CallExpr, receiver, deferred bool) effect {
	var lv effect
	operands := call.Args
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && receiver {
		if selection, ok := s.info.Selections[sel]; ok && selection.Kind() == types.MethodVal {
			operands = append([]ast.Expr{sel.X}, operands...)
		}
	}
	for _, arg := range operands {
		if lit, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
			lv = lv.join(s.walk(lit.Body, true))
			continue
		}
		lv = lv.join(both(carried(s.info.TypeOf(arg))))
	}
	return lv
}

// streamMethods are the methods through which the standard library's
// stream functions (io.Copy, io.ReadAll, bufio's readers) use the values
// they are handed.
var streamMethods = [...]string{"Read", "Write", "ReadFrom", "WriteTo"}

// streams returns the effect of the stream methods that a standard-library
// call may run on the values it is handed: io.Copy(dst, r) runs r's Read or
// WriteTo, which may wait for the goroutine that feeds r — a pipe's writer,
// or a decoder of the package reading on a goroutine of its own.
func (s *syncs) streams(call *ast.CallExpr) effect {
	var lv effect
	for _, arg := range call.Args {
		t := s.info.TypeOf(arg)
		if t == nil || types.IsInterface(t) {
			continue // the dynamic type is not known here
		}
		for _, name := range streamMethods {
			obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
			if m, ok := obj.(*types.Func); ok {
				lv = lv.join(s.function(m))
			}
		}
	}
	return lv
}

// carried returns the level of handing over a value of type t.
func carried(t types.Type) level {
	if t == nil {
		return none
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		if pkg := n.Obj().Pkg(); pkg != nil && syncPackage(pkg.Path()) && pkg.Path() != "context" {
			return strong
		}
	}
	switch t.Underlying().(type) {
	case *types.Chan:
		return strong
	case *types.Signature:
		return weak
	}
	return none
}

// syncPackage reports whether the functions of the package at path exist
// to order goroutines.
func syncPackage(path string) bool {
	switch path {
	case "sync", "sync/atomic", "context", "os/signal":
		return true
	}
	return strings.HasPrefix(path, "golang.org/x/sync/")
}

// standard reports whether path is a standard-library package: its first
// element is one of the standard library's top-level directories. A
// module path without a dot (module myapp) is common in applications, so
// a dotless first element alone does not make a package standard.
func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return stdRoots[first]
}

// stdRoots are the top-level directories of the standard library's
// packages (GOROOT/src), as of Go 1.26.
var stdRoots = map[string]bool{
	"archive": true, "arena": true, "bufio": true, "builtin": true, "bytes": true,
	"cmd": true, "cmp": true,
	"compress": true, "container": true, "context": true, "crypto": true,
	"database": true, "debug": true, "embed": true, "encoding": true,
	"errors": true, "expvar": true, "flag": true, "fmt": true, "go": true,
	"hash": true, "html": true, "image": true, "index": true, "internal": true,
	"io": true, "iter": true, "log": true, "maps": true, "math": true,
	"mime": true, "net": true, "os": true, "path": true, "plugin": true,
	"reflect": true, "regexp": true, "runtime": true, "simd": true, "slices": true,
	"sort": true, "strconv": true, "strings": true, "structs": true,
	"sync": true, "syscall": true, "testing": true, "text": true, "time": true,
	"unicode": true, "unique": true, "unsafe": true, "vendor": true, "weak": true,
}

// pipe reports whether fn is a method of io's synchronous pipe.
func pipe(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Name() == "Pipe"
	}
	t := deref(recv.Type())
	return typesutil.IsNamed(t, "io", "PipeReader") || typesutil.IsNamed(t, "io", "PipeWriter")
}

// isSpawn reports whether call starts a goroutine running a function
// literal: errgroup's Go and TryGo, sync.WaitGroup's Go.
func isSpawn(info *types.Info, call *ast.CallExpr) bool {
	return spawnLit(info, call) != nil
}

// spawnLit returns the function literal that call starts on a new
// goroutine, or nil.
func spawnLit(info *types.Info, call *ast.CallExpr) *ast.FuncLit {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	fn, ok := info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Signature().Recv() == nil {
		return nil
	}
	recv := deref(fn.Signature().Recv().Type())
	switch {
	case fn.Name() == "Go" && typesutil.IsNamed(recv, "sync", "WaitGroup"):
	case (fn.Name() == "Go" || fn.Name() == "TryGo") && typesutil.IsNamed(recv, "golang.org/x/sync/errgroup", "Group"):
	default:
		return nil
	}
	lit, _ := ast.Unparen(call.Args[0]).(*ast.FuncLit)
	return lit
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
