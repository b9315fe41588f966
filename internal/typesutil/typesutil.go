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
