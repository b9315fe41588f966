// Package goversion tells which Go release's semantics apply to a file.
//
// concvet's advice depends on the version of the module being analyzed, not
// on the toolchain running concvet: WaitGroup.Go exists from go1.25, and
// timers and tickers changed at go1.23. The version of a file is its
// //go:build upgrade if it has one, else the module's go line. Standard
// library packages and GOPATH-mode packages carry no module version; they
// are taken to be current.
package goversion

import (
	"go/ast"
	"go/version"

	"golang.org/x/tools/go/analysis"
)

// Of returns the Go version whose library semantics apply to file, or "" if
// unknown (taken as the newest).
func Of(pass *analysis.Pass, file *ast.File) string {
	v := pass.Pkg.GoVersion()
	if file != nil && file.GoVersion != "" && (v == "" || version.Compare(file.GoVersion, v) > 0) {
		v = file.GoVersion
	}
	return v
}

// AtLeast reports whether file is analyzed with the semantics of Go release
// min (such as "go1.23") or later. An unknown version counts as the newest.
func AtLeast(pass *analysis.Pass, file *ast.File, min string) bool {
	v := Of(pass, file)
	return v == "" || version.Compare(v, min) >= 0
}
