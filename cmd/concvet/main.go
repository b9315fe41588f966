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
//	concvet help [name]                               # the analyzers
//
// The standalone command line is package internal/cli; run concvet -help
// for its flags and exit codes.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/cli"
)

func main() {
	args := os.Args[1:]
	switch {
	case len(args) == 1 && args[0] == "lsp":
		os.Exit(runLSP())
	case cli.VetProtocol(args):
		// go vet and go fix hand a vet tool a .cfg file per package, and
		// ask it for its flags: the x/tools driver speaks that protocol.
		os.Args = append(os.Args[:1], cli.VetToolArgs(args)...)
		multichecker.Main(analyzers.All()...)
	default:
		os.Exit(cli.Main(args, os.Stdout, os.Stderr))
	}
}
