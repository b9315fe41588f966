package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/concvet/concvet/analyzers"
)

const usage = `concvet finds concurrency mistakes in Go code: WaitGroup counts that race or
never reach zero, leaked goroutines, unstopped timers, channels closed by the
wrong side, dropped contexts.

Usage:
  concvet [flags] packages...                        analyze packages
  go vet -vettool=$(command -v concvet) packages...  the same, through go vet
  go fix -fixtool=$(command -v concvet) packages...  apply the suggested fixes
  concvet lsp                                        a language server (stdio) for editors
  concvet help [analyzer]                            this text, or an analyzer's

Flags:
  -NAME          run only the named analyzers (repeatable), as go vet does
  -NAME=false    run the default suite without NAME
  -json          print diagnostics as JSON
  -sarif         print diagnostics as SARIF 2.1.0 (for GitHub code scanning)
  -fix           apply suggested fixes (-diff: print them as a diff instead)
  -c=N           show N lines of context around each diagnostic
  -test=false    skip test files
  -cache=false   load and analyze in this process instead of through go vet
                 and the build cache (no build first; much more memory)
  -V=full        print the version

Exit codes: 0 nothing found, 1 load, type or analysis error, 2 bad usage,
3 diagnostics reported (with -json or -sarif: 0 unless an error occurred).
`

// help prints the suite, or one analyzer's documentation, and returns the
// exit code.
func help(stdout, stderr io.Writer, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		fmt.Fprintln(stdout, "\nAnalyzers (\"off\": runs only when named):")
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		var cat analyzers.Category
		for _, e := range analyzers.Suite {
			if e.Category != cat {
				cat = e.Category
				fmt.Fprintf(tw, "  %s\n", cat)
			}
			state := "on"
			if !e.Default {
				state = "off"
			}
			fmt.Fprintf(tw, "    %s\t%s\t%s\n", e.Analyzer.Name, state, summary(e.Analyzer.Doc))
		}
		tw.Flush()
		return 0
	}
	code := 0
	for _, name := range args {
		e, ok := analyzers.Lookup(name)
		if !ok {
			fmt.Fprintf(stderr, "concvet: no analyzer named %q (run \"concvet help\" for the list)\n", name)
			code = 2
			continue
		}
		a := e.Analyzer
		state := "on by default"
		if !e.Default {
			state = "off by default; enable with -" + a.Name
		}
		fix := e.Fix
		if fix == "" {
			fix = "none"
		}
		fmt.Fprintf(stdout, "%s (%s, %s)\n\n%s\n\nFix: %s\nPrecision on real code: %s\nSince: concvet %s\n",
			a.Name, e.Category, state, strings.TrimSpace(a.Doc), fix, e.Precision, e.Since)
		var flags []string
		a.Flags.VisitAll(func(f *flag.Flag) {
			flags = append(flags, fmt.Sprintf("  -%s.%s\t%s", a.Name, f.Name, f.Usage))
		})
		if len(flags) > 0 {
			fmt.Fprintf(stdout, "\nFlags:\n%s\n", strings.Join(flags, "\n"))
		}
		fmt.Fprintf(stdout, "\nDocumentation: %s\n", a.URL)
	}
	return code
}

// summary returns the first line of an analyzer's Doc.
func summary(doc string) string {
	line, _, _ := strings.Cut(doc, "\n")
	return line
}
