package main

import (
	"fmt"
	"io"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// analyze is the standalone mode: load the packages, refuse those that do
// not build, run the selected analyzers and print what they found. It
// returns the exit code.
func analyze(stdout, stderr io.Writer, o *options) int {
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: o.tests,
	}
	pkgs, err := packages.Load(cfg, o.patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return 1
	}
	if len(pkgs) == 0 {
		fmt.Fprintf(stderr, "concvet: %v matched no packages\n", o.patterns)
		return 1
	}
	// A package that does not load or type-check is reported, once per
	// error, and nothing is analyzed: its diagnostics would be guesses.
	seen := make(map[string]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := e.Error()
			if !seen[msg] {
				seen[msg] = true
				fmt.Fprintf(stderr, "concvet: %s\n", msg)
			}
		}
	})
	if len(seen) > 0 {
		return 1
	}

	graph, err := checker.Analyze(o.analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return 1
	}
	failed := false
	diagnostics := false
	for act := range graph.All() {
		if act.Err != nil {
			failed = true
		} else if act.IsRoot && len(act.Diagnostics) > 0 {
			diagnostics = true
		}
	}
	if o.sarif {
		if err := printSARIF(stdout, graph, o.analyzers, failed); err != nil {
			fmt.Fprintf(stderr, "concvet: %v\n", err)
			return 1
		}
	} else if o.json {
		if err := graph.PrintJSON(stdout); err != nil {
			fmt.Fprintf(stderr, "concvet: %v\n", err)
			return 1
		}
	} else if err := graph.PrintText(stderr, o.context); err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return 1
	}
	switch {
	case failed:
		return 1
	case diagnostics && !o.json && !o.sarif:
		return 3
	}
	return 0
}
