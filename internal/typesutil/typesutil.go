// Package typesutil holds the small go/types queries that several
// analyzers share.
package typesutil

import "go/types"

// Imports reports whether pkg imports the package with the given path
// directly. An analyzer whose subject (a mutex, a timer, a context) comes
// from that package has nothing to check in a package that does not import
// it, except what facts bring from its dependencies.
func Imports(pkg *types.Package, path string) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}

// IsNamed reports whether t (aliases resolved) is the named type pkg.name.
func IsNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == pkg && obj.Name() == name
}

// IsMethodOf reports whether obj is a method of the named type pkg.name
// (pointer receiver or not), such as sync.WaitGroup's Add.
func IsMethodOf(obj types.Object, pkg string, names ...string) bool {
	fn, ok := obj.(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return false
	}
	n := ReceiverNamed(fn)
	if n == nil {
		return false
	}
	for _, name := range names {
		if n.Obj().Name() == name {
			return true
		}
	}
	return false
}

// ReceiverNamed returns the named type of fn's receiver, through a
// pointer; nil for a function, or a method of an unnamed (interface)
// type.
func ReceiverNamed(fn *types.Func) *types.Named {
	recv := fn.Signature().Recv()
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// UsesMethodOf reports whether an identifier of the package of info
// refers to a method of one of the named types pkg.names. A package can
// call such a method without importing pkg: `s.mu.Lock()` on a field of a
// struct that another package declares needs no import of sync.
func UsesMethodOf(info *types.Info, pkg string, names ...string) bool {
	for _, obj := range info.Uses {
		if IsMethodOf(obj, pkg, names...) {
			return true
		}
	}
	return false
}
