package funcs

import (
	"go/ast"
	"go/types"
)

// Dead returns the declared functions of files that nothing can call: an
// unexported function or method that no code of the package names, and,
// for a method, whose name no interface declared in the package has (a
// call through the interface would not name it). init, main and test
// functions are not dead.
func Dead(info *types.Info, files []*ast.File) map[*ast.FuncDecl]bool {
	used := make(map[types.Object]bool)
	for _, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok {
			used[fn.Origin()] = true
		}
	}
	ifaceMethods := make(map[string]bool)
	for _, tv := range info.Types {
		if iface, ok := tv.Type.Underlying().(*types.Interface); ok {
			for i := 0; i < iface.NumMethods(); i++ {
				ifaceMethods[iface.Method(i).Name()] = true
			}
		}
	}
	out := make(map[*ast.FuncDecl]bool)
	for _, f := range files {
		for _, d := range f.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, ok := info.Defs[decl.Name].(*types.Func)
			if !ok || fn.Exported() || used[fn] || fn.Name() == "init" || fn.Name() == "main" || fn.Name() == "_" {
				continue
			}
			if decl.Recv != nil && ifaceMethods[fn.Name()] {
				continue
			}
			out[decl] = true
		}
	}
	return out
}
