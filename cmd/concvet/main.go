// Command concvet finds the concurrency mistakes that take Go services down:
// WaitGroup counts that race or never reach zero, leaked goroutines, timers
// never stopped, channels closed by the wrong side, contexts dropped.
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
// Exit codes (standalone): 0 nothing found; 1 the packages could not be
// loaded or type-checked, or an analysis failed; 2 bad usage (an unknown
// flag or analyzer); 3 diagnostics were reported. With -json the exit code
// is 0 unless something failed.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/lsp"
	"github.com/concvet/concvet/internal/vetunit"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "help" {
		os.Exit(help(os.Stdout, os.Stderr, args[1:]))
	}
	if len(args) == 1 && args[0] == "lsp" {
		os.Exit(lsp.Serve(os.Stdin, os.Stdout, lsp.Options{Log: os.Stderr}))
	}
	if len(args) > 0 && args[0] == "gopls" {
		os.Exit(lsp.Proxy(args[1:], os.Stdin, os.Stdout, os.Stderr, lsp.Options{Log: os.Stderr}))
	}
	if strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe") == "concvet-gopls" {
		// Installed under this name, concvet is `concvet gopls`, for
		// editors that take a path to gopls but no arguments.
		os.Exit(lsp.Proxy(args, os.Stdin, os.Stdout, os.Stderr, lsp.Options{Log: os.Stderr}))
	}
	opts, err := parseFlags(args)
	if err != nil {
		fmt.Fprintf(os.Stderr, "concvet: %v (run \"concvet help\" for usage)\n", err)
		os.Exit(2)
	}
	if opts.delegate {
		// The go vet and go fix protocols, and fixing in place: the
		// analysis driver of x/tools speaks them. It re-reads the flags,
		// with the analyzers that are off by default turned off unless
		// named.
		os.Args = append(os.Args[:1], opts.driverArgs...)
		multichecker.Main(driverAnalyzers(opts.driverArgs)...)
		return
	}
	os.Exit(analyze(os.Stdout, os.Stderr, opts))
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
