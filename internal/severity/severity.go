// Package severity says how much a finding matters: a Bug (the program can
// hang, leak or race) or a Cleanup (dead or misleading code that does no
// harm today).
//
// Each analyzer has a severity in the suite (analyzers.Entry.Severity); an
// analyzer marks a single diagnostic of a harmless shape as a cleanup with
// MarkCleanup, which sets the diagnostic's Category. The category travels
// with the diagnostic through every driver (go vet -json, the checker, the
// golangci-lint plugin), so that front ends recover the level with
// analyzers.SeverityOf(analyzer, category) and map it with SARIF or LSP.
package severity

import (
	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/files"
)

// A Level is the severity of a finding.
type Level string

const (
	// Bug: the code can misbehave (block forever, leak, race, panic).
	Bug Level = "bug"
	// Cleanup: the code is dead, redundant or misleading, and harmless.
	Cleanup Level = "cleanup"
)

// CleanupCategory is the Category of a diagnostic that is a cleanup
// whatever its analyzer's severity.
const CleanupCategory = "cleanup"

// MarkCleanup marks d as a cleanup.
func MarkCleanup(d *analysis.Diagnostic) { d.Category = CleanupCategory }

// Of returns the severity of a diagnostic of the given category reported by
// an analyzer whose severity is analyzerLevel.
func Of(analyzerLevel Level, category string) Level {
	if category == CleanupCategory {
		return Cleanup
	}
	if analyzerLevel == "" {
		return Bug
	}
	return analyzerLevel
}

// SARIF returns the SARIF result level: "warning" for a bug, "note" for a
// cleanup.
func (l Level) SARIF() string {
	if l == Cleanup {
		return "note"
	}
	return "warning"
}

// LSP returns the Language Server Protocol DiagnosticSeverity: 2 (Warning)
// for a bug, 3 (Information) for a cleanup.
func (l Level) LSP() int {
	if l == Cleanup {
		return 3
	}
	return 2
}

// Examples returns a, with every diagnostic it reports in an example
// program (a package main in an example directory) marked as a cleanup.
func Examples(a *analysis.Analyzer) *analysis.Analyzer {
	w := *a
	run := a.Run
	w.Run = func(pass *analysis.Pass) (any, error) {
		wrapped := *pass
		example := pass.Pkg.Name() == "main" && files.InExample(pass.Pkg.Path(), modulePath(pass))
		wrapped.Report = func(d analysis.Diagnostic) {
			if example {
				MarkCleanup(&d)
			}
			pass.Report(d)
		}
		return run(&wrapped)
	}
	return &w
}

// modulePath returns the path of the module of pass's package, or "" when
// the driver does not say (GOPATH mode, analysistest).
func modulePath(pass *analysis.Pass) string {
	if pass.Module != nil {
		return pass.Module.Path
	}
	return ""
}

// TestsAreCleanups returns pass with a Report that marks every diagnostic
// in a test file as a cleanup. An analyzer whose findings in tests can
// only happen once the test has already failed (a sender stranded by a
// receiver that timed out, a Done skipped on the path that calls
// t.Errorf) uses it: such a leak ends with the test process and changes
// no verdict.
func TestsAreCleanups(pass *analysis.Pass) *analysis.Pass {
	wrapped := *pass
	wrapped.Report = func(d analysis.Diagnostic) {
		if f := pass.Fset.File(d.Pos); f != nil && files.IsTestName(f.Name()) {
			MarkCleanup(&d)
		}
		pass.Report(d)
	}
	return &wrapped
}
