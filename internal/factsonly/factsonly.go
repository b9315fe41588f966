// Package factsonly describes how an analyzer that exports facts runs in a
// unit that go vet analyses only for its facts (a dependency of the
// packages asked for: the .cfg file's VetxOnly). Its diagnostics are
// discarded there, and most dependencies can carry none of its facts: no
// channel, no mutex, no WaitGroup, no call of a function that has a fact.
// analyzers.FactsOnly runs such an analyzer as its Exporter says: a cheap
// test first, from syntax, types and the facts of the dependencies, and the
// costly inputs (SSA) and the fact computation only when the test passes.
package factsonly

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// An Exporter is the facts-only form of an analyzer that exports facts.
type Exporter struct {
	// MayExport reports whether the analyzer can export any fact from the
	// package of pass. It must be cheap (no SSA, no control-flow graph of
	// its own) and sound: when it reports false, the analyzer's Run exports
	// no fact from the package, whatever its dependencies' facts. Its pass
	// holds the results of the analyzer's requirements except those built
	// on demand (buildssa).
	MayExport func(pass *analysis.Pass) bool
	// Export exports exactly the facts that the analyzer's Run exports,
	// and reports nothing. It is called only when MayExport reported true,
	// with the results of all the analyzer's requirements.
	Export func(pass *analysis.Pass) error
}

// UsesObject reports whether an identifier of the package of info refers
// to an object for which pred holds. Every function or method that a call
// of the package can name statically is among them: a call names its
// callee by an identifier (f, pkg.F, x.M, T.M), and go/types records what
// it denotes.
func UsesObject(info *types.Info, pred func(types.Object) bool) bool {
	for _, obj := range info.Uses {
		if pred(obj) {
			return true
		}
	}
	return false
}

// ImportedFact reports whether obj, a function or method of another
// package than pass's, or its generic origin, has a fact of the type of
// fact; fact then holds it. Analyzers resolve a callee to its origin
// (funcs.Resolve, ssa.Function.Origin), so both are looked up.
func ImportedFact(pass *analysis.Pass, obj types.Object, fact analysis.Fact) bool {
	fn, ok := obj.(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg() == pass.Pkg {
		return false
	}
	if pass.ImportObjectFact(fn, fact) {
		return true
	}
	return fn.Origin() != fn && pass.ImportObjectFact(fn.Origin(), fact)
}

// IsVarOf reports whether obj is a variable (or field, or parameter) of
// type pkg.name or of a pointer to it, through any number of pointers.
func IsVarOf(obj types.Object, pkg, name string) bool {
	v, ok := obj.(*types.Var)
	if !ok {
		return false
	}
	t := types.Unalias(v.Type())
	for {
		p, ok := t.(*types.Pointer)
		if !ok {
			break
		}
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// Written reports whether go vet writes the facts of fn, a function
// declared in the package analysed, into the unit's facts file: only the
// facts of objects that importers can name (objectpath) are written, and
// a package-level function has a name there only if it is exported; every
// method has one. A test for an exporter may therefore ignore the other
// functions, whose facts no importer sees.
func Written(fn *types.Func) bool {
	return fn.Signature().Recv() != nil || fn.Exported()
}
