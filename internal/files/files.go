// Package files tells what kind of source file a position is in: a test,
// generated code, an example program. Which analyzers skip or demote
// which kind is each analyzer's decision (see its page); how the kind is
// recognized is decided here, once.
package files

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// IsTestName reports whether filename is a Go test file.
func IsTestName(filename string) bool { return strings.HasSuffix(filename, "_test.go") }

// IsTest reports whether pos is in a test file of the pass.
func IsTest(pass *analysis.Pass, pos token.Pos) bool {
	f := pass.Fset.File(pos)
	return f != nil && IsTestName(f.Name())
}

// InExample reports whether the package at pkgPath, in the module at
// modulePath (empty when not known), lies in an example directory
// (example, examples, _example, _examples), a test-harness directory
// (conformance, interop) or a developer-script directory (scripts, hack)
// of its module. A command there is an example program, code people copy
// and learn from, a harness that drives the module's code in its tests, or
// a one-shot program a developer runs (a code generator, a release
// script): none of them runs in production. Only the directories below
// the module's root count, not those of the checkout around it (a clone
// under ~/examples is not an example).
func InExample(pkgPath, modulePath string) bool {
	rel := pkgPath
	if modulePath != "" && (pkgPath == modulePath || strings.HasPrefix(pkgPath, modulePath+"/")) {
		rel = strings.TrimPrefix(pkgPath, modulePath)
	}
	for _, dir := range strings.Split(rel, "/") {
		switch dir {
		case "example", "examples", "_examples", "_example", "conformance", "interop", "scripts", "hack":
			return true
		}
	}
	return false
}

// SkipsTestOrGenerated reports whether f is a test file or generated code,
// which the analyzers about API conventions (the context analyzers) leave
// alone.
func SkipsTestOrGenerated(pass *analysis.Pass, f *ast.File) bool {
	return IsTest(pass, f.Pos()) || ast.IsGenerated(f)
}
