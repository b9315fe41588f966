package lifetime_test

import (
	"go/ast"
	"go/types"
	"testing"

	"github.com/concvet/concvet/internal/lifetime"
	"github.com/concvet/concvet/internal/testutil"
)

const src = `package main

import "sync"

var once sync.Once
var started bool

func main() {
	serve()
	for i := 0; i < 3; i++ {
		spawn()
	}
	register(handle)
	once.Do(janitor)
}

func serve()              {}
func spawn()              {}
func handle()             {}
func register(f func())   { f() }
func janitor()            {}
func flagged() {
	if started {
		return
	}
	started = true
}
`

// TestOnce checks which functions of a command run once per process.
func TestOnce(t *testing.T) {
	_, f, pkg, info := testutil.Check(t, src)
	for _, commands := range []bool{true, false} {
		o := lifetime.Find(pkg, info, []*ast.File{f}, commands)
		for name, want := range map[string]bool{
			"main":    commands,
			"serve":   commands, // called once from main
			"spawn":   false,    // called in a loop
			"handle":  false,    // used as a value
			"janitor": true,     // passed to a package-level Once
			"flagged": true,     // behind a started flag
		} {
			fn := pkg.Scope().Lookup(name).(*types.Func)
			if got := o.RunsOnce(fn); got != want {
				t.Errorf("commands=%v: RunsOnce(%s) = %v, want %v", commands, name, got, want)
			}
		}
	}
}

const librarySrc = `package lib

func init() {
	go refresh()
	start()
}

func start()   {}
func refresh() {}
func other()   {}
`

// TestLibraryInit checks that a library's init, and what it calls once,
// runs once per process, whatever the commands setting.
func TestLibraryInit(t *testing.T) {
	_, f, pkg, info := testutil.Check(t, librarySrc)
	var initFn *types.Func
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "init" {
			initFn, _ = info.Defs[fd.Name].(*types.Func)
		}
	}
	if initFn == nil {
		t.Fatal("init has no object")
	}
	for _, commands := range []bool{true, false} {
		o := lifetime.Find(pkg, info, []*ast.File{f}, commands)
		if !o.RunsOnce(initFn) {
			t.Errorf("commands=%v: a library's init does not run once", commands)
		}
		for name, want := range map[string]bool{"start": true, "other": false} {
			if got := o.RunsOnce(pkg.Scope().Lookup(name).(*types.Func)); got != want {
				t.Errorf("commands=%v: RunsOnce(%s) = %v, want %v", commands, name, got, want)
			}
		}
	}
}
