package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/concvet/concvet/analyzers"
)

const usageHead = `concvet finds concurrency mistakes in Go code: WaitGroup counts that race or
never reach zero, leaked goroutines, deadlocks, data races the code shows,
unstopped timers, channels closed by the wrong side, dropped contexts.

Usage:
  concvet [flags] packages...                        analyze packages
  go vet -vettool=$(command -v concvet) packages...  the same, through go vet
  go fix -fixtool=$(command -v concvet) packages...  apply the suggested fixes
  concvet lsp                                        a language server (stdio) for editors
  concvet gopls [gopls flags]                        gopls with concvet's diagnostics and fixes merged in (for editors)
  concvet help [analyzer]                            this text, or an analyzer's

Findings print as file:line:col: message (analyzer), relative to the current
directory, on standard output; ", cleanup" after the analyzer marks a finding
that is harmless today (dead or redundant code), the others are bugs.
`

const usageTail = `
Exit codes: 0 nothing found; 1 a package did not load, an analyzer failed, a
fix could not be written, or -diff printed a diff; 2 bad usage; 3 findings
printed (with -json or -sarif: 0 unless something failed).

Suppress a finding with //concvet:ignore NAME reason, on its line or the line
above.`

// help prints the usage and the suite, or one analyzer's documentation,
// and returns the exit code.
func help(stdout, stderr io.Writer, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, usageHead)
		printFlags(stdout)
		fmt.Fprintln(stdout, usageTail)
		fmt.Fprintln(stdout, "\nAnalyzers (\"off\": runs only when named; \"cleanup\": findings are harmless today):")
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
			fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", e.Analyzer.Name, state, e.Severity, summary(e.Analyzer.Doc))
		}
		tw.Flush()
		return ExitOK
	}
	code := ExitOK
	for _, name := range args {
		e, ok := analyzers.Lookup(name)
		if !ok {
			fmt.Fprintf(stderr, "concvet: no analyzer named %q (run \"concvet help\" for the list)\n", name)
			code = ExitUsage
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
		fmt.Fprintf(stdout, "%s (%s, %s, %s)\n\n%s\n\nFix: %s\nPrecision on real code: %s\nSince: concvet %s\n",
			a.Name, e.Category, state, e.Severity, strings.TrimSpace(a.Doc), fix, e.Precision, e.Since)
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
