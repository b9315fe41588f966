package chans_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/refs"
)

const src = `package p

type inner struct{ vals chan int }
type S struct {
	done chan struct{}
	in   inner
}

func (s *S) twice() {
	close(s.done)
	close(s.done)
}

func captured() {
	done := make(chan struct{})
	go func() { close(done) }()
	close(done)
}

func never() {
	var ch chan int
	ch <- 1
}

func sometimes(ok bool) {
	var ch chan int
	if ok {
		ch = make(chan int, 1)
	}
	ch <- 1
}
`

func build(t *testing.T) (*types.Package, *ssa.Package) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg := types.NewPackage("p", "p")
	conf := &types.Config{Importer: importer.Default()}
	ssaPkg, _, err := ssautil.BuildPackage(conf, fset, pkg, []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	return pkg, ssaPkg
}

func TestIsSignal(t *testing.T) {
	pkg, _ := build(t)
	s := pkg.Scope().Lookup("S").Type().Underlying().(*types.Struct)
	if !chans.IsSignal(s.Field(0).Type()) {
		t.Errorf("chan struct{} is not a signal")
	}
	in := pkg.Scope().Lookup("inner").Type().Underlying().(*types.Struct)
	if chans.IsSignal(in.Field(0).Type()) || !chans.IsChan(in.Field(0).Type()) {
		t.Errorf("chan int: IsSignal %v, IsChan %v", chans.IsSignal(in.Field(0).Type()), chans.IsChan(in.Field(0).Type()))
	}
}

func TestRefType(t *testing.T) {
	pkg, _ := build(t)
	v := types.NewVar(token.NoPos, pkg, "s", types.NewPointer(pkg.Scope().Lookup("S").Type()))
	if got := chans.RefType(refs.Ref{Root: v, Path: ".in.vals"}); got == nil || got.String() != "chan int" {
		t.Errorf("RefType(s.in.vals) = %v, want chan int", got)
	}
	if got := chans.RefType(refs.Ref{Root: v, Path: ".missing"}); got != nil {
		t.Errorf("RefType(s.missing) = %v, want nil", got)
	}
}

// closes returns the keys of the channels closed in fn, in order.
func closes(fn *ssa.Function) []chans.Key {
	var out []chans.Key
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ch := chans.ClosedBy(instr); ch != nil {
				out = append(out, chans.KeyOf(ch))
			}
		}
	}
	return out
}

func TestKeyOf(t *testing.T) {
	pkg, ssaPkg := build(t)
	named := pkg.Scope().Lookup("S").Type()
	twice := ssaPkg.Prog.MethodValue(ssaPkg.Prog.MethodSets.MethodSet(types.NewPointer(named)).Lookup(pkg, "twice"))
	ks := closes(twice)
	if len(ks) != 2 || ks[0] != ks[1] {
		t.Fatalf("the two loads of s.done have keys %v, want two equal keys", ks)
	}
	if ks[0].Root != twice.Params[0] || ks[0].Path != ".0*" || !ks[0].Loads() {
		t.Errorf("key of s.done = %v %q", ks[0].Root, ks[0].Path)
	}
	if f := ks[0].Fields(); len(f) != 1 || f[0].Name() != "done" {
		t.Errorf("Fields = %v, want [done]", f)
	}

	// The goroutine's close, rebased on its binding, is the parent's key.
	captured := ssaPkg.Func("captured")
	parent := closes(captured)
	child := closes(captured.AnonFuncs[0])
	if len(parent) != 1 || len(child) != 1 {
		t.Fatalf("closes: parent %v, child %v", parent, child)
	}
	var binding ssa.Value
	for _, b := range captured.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok {
				binding = mc.Bindings[0]
			}
		}
	}
	if got := (chans.Key{Path: child[0].Path}).Rebase(binding); got != parent[0] {
		t.Errorf("rebased child key %v %q, want parent key %v %q", got.Root, got.Path, parent[0].Root, parent[0].Path)
	}
}

func TestIsNil(t *testing.T) {
	_, ssaPkg := build(t)
	for name, want := range map[string]bool{"never": true, "sometimes": false} {
		var got, found bool
		for _, b := range ssaPkg.Func(name).Blocks {
			for _, instr := range b.Instrs {
				if send, ok := instr.(*ssa.Send); ok {
					got, found = chans.IsNil(send.Chan), true
				}
			}
		}
		if !found || got != want {
			t.Errorf("%s: IsNil = %v (send found: %v), want %v", name, got, found, want)
		}
	}
}
