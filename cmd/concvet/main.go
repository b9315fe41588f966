// Command concvet finds the concurrency mistakes that take Go services down:
// WaitGroup counts that race or never reach zero, leaked goroutines,
// deadlocks, data races the code shows, timers never stopped, channels
// closed by the wrong side, contexts dropped.
//
// One binary serves every mode:
//
//	concvet [flags] packages...                       # standalone
//	go vet -vettool=$(command -v concvet) packages... # the vet protocol
//	go fix -fixtool=$(command -v concvet) packages... # apply suggested fixes
//	concvet lsp                                       # a language server for editors
//	concvet gopls [gopls flags]                       # gopls, with concvet's analyzers in it
//	concvet-gopls [gopls flags]                       # the same, as a link named so
//	concvet help [name]                               # the analyzers
//
// The standalone command line is package internal/cli (concvet -help lists
// its flags and exit codes); the language server is internal/lsp.
package main

import (
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/cli"
	"github.com/concvet/concvet/internal/lsp"
	"github.com/concvet/concvet/internal/vetunit"
)

func main() {
	args := os.Args[1:]
	switch {
	case len(args) == 1 && args[0] == "lsp":
		os.Exit(lsp.Serve(os.Stdin, os.Stdout, lsp.Options{Log: os.Stderr}))
	case len(args) > 0 && args[0] == "gopls":
		os.Exit(lsp.Proxy(args[1:], os.Stdin, os.Stdout, os.Stderr, lsp.Options{Log: os.Stderr}))
	case strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe") == "concvet-gopls":
		// Installed under this name, concvet is `concvet gopls`, for
		// editors that take a path to gopls but no arguments.
		os.Exit(lsp.Proxy(args, os.Stdin, os.Stdout, os.Stderr, lsp.Options{Log: os.Stderr}))
	case cli.VetProtocol(args):
		// go vet and go fix hand a vet tool a .cfg file per package, and
		// ask it for its flags: the x/tools driver speaks that protocol.
		args = cli.VetToolArgs(args)
		os.Args = append(os.Args[:1], args...)
		multichecker.Main(driverAnalyzers(args)...)
	default:
		os.Exit(cli.Main(args, os.Stdout, os.Stderr))
	}
}

// driverAnalyzers returns the suite for the x/tools driver. A unit that go
// vet analyses only for its facts (a dependency) gets the analyzers that
// export facts, the others reduced to their names and flags
// (analyzers.FactsOnly): their diagnostics would be discarded.
// CONCVET_FACTS_SHORTCUT=off runs everything, for benchmarks and the test
// that the shortcut changes no finding.
func driverAnalyzers(args []string) []*analysis.Analyzer {
	all := analyzers.All()
	if os.Getenv("CONCVET_FACTS_SHORTCUT") != "off" && vetunit.FactsOnly(args) {
		return analyzers.FactsOnly(all)
	}
	return all
}
