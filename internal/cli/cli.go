// Package cli is concvet's command line: it parses the flags, reads the
// configuration, runs the analyzers through go vet or in process, and
// prints, fixes or diffs what they find. cmd/concvet calls Main.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/config"
)

// Exit codes of the standalone mode.
const (
	ExitOK       = 0 // nothing found
	ExitFailure  = 1 // a package did not load, an analyzer failed, a fix could not be written; or -diff printed a diff
	ExitUsage    = 2 // bad usage
	ExitFindings = 3 // findings were printed
)

// options is what the command line asks of a run.
type options struct {
	analyzers   []*analysis.Analyzer // the selected analyzers, runnable
	patterns    []string
	json        bool
	sarif       bool
	context     int
	fix         bool
	diff        bool
	tests       bool
	cache       bool
	runner      string   // "vet" or "own"
	buildFlags  []string // go build flags, as -name=value
	vetArgs     []string // analyzer selection and options for go vet
	configFile  string
	configSet   bool
	version     bool
	versionFull bool
	help        bool
}

// VetProtocol reports whether args are those go vet or go fix pass to a
// vet tool (a .cfg file, or -flags): the x/tools unitchecker serves them.
func VetProtocol(args []string) bool {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	return slices.Contains(args, "-flags") || slices.Contains(args, "--flags")
}

// VetToolArgs returns the arguments to give the x/tools driver for the
// arguments go vet passed: as they are when they name analyzers to run,
// and otherwise with the analyzers that are off by default turned off, so
// that go vet -vettool=concvet runs the default suite.
func VetToolArgs(args []string) []string {
	mentioned := make(map[string]bool)
	for _, arg := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if !strings.HasPrefix(arg, "-") {
			continue
		}
		if _, ok := analyzers.Lookup(name); !ok {
			continue
		}
		if !hasValue || value == "true" || value == "1" || value == "t" || value == "T" || value == "TRUE" || value == "True" {
			return args // naming analyzers runs exactly those
		}
		mentioned[name] = true
	}
	var out []string
	for _, e := range analyzers.Suite {
		if !e.Default && !mentioned[e.Analyzer.Name] {
			out = append(out, "-"+e.Analyzer.Name+"=false")
		}
	}
	return append(out, args...)
}

// Main runs the standalone command with args (without the program name)
// and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "help" {
		return help(stdout, stderr, args[1:])
	}
	o, err := parse(args)
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v (run \"concvet -help\" for usage)\n", err)
		return ExitUsage
	}
	switch {
	case o.help:
		return help(stdout, stderr, nil)
	case o.versionFull:
		return printVersionFull(stdout, stderr)
	case o.version:
		fmt.Fprintln(stdout, versionLine())
		return ExitOK
	}
	return run(stdout, stderr, o)
}

// parse reads the command line and the configuration file, and decides
// which analyzers run with which options.
func parse(args []string) (*options, error) {
	o := &options{}
	fs, enabled := newFlagSet(o)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			o.help = true
			return o, nil
		}
		return nil, err
	}
	o.patterns = fs.Args()
	set := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	if o.version || o.versionFull {
		if len(o.patterns) > 0 || fs.NFlag() > 1 {
			return nil, errors.New("-version and -V take no other flags or packages")
		}
		return o, nil
	}
	for _, p := range o.patterns {
		if strings.HasPrefix(p, "-") {
			return nil, fmt.Errorf("%q is not a package: flags go before the packages, and a package argument cannot start with -", p)
		}
	}
	outputs := []string{}
	for _, name := range []string{"json", "sarif", "fix", "diff"} {
		if set[name] && fs.Lookup(name).Value.String() == "true" {
			outputs = append(outputs, "-"+name)
		}
	}
	if o.fix && o.diff {
		outputs = slices.DeleteFunc(outputs, func(s string) bool { return s == "-fix" }) // -fix -diff is -diff
	}
	if len(outputs) > 1 {
		return nil, fmt.Errorf("%s do not combine: choose one", strings.Join(outputs, " and "))
	}
	if o.context >= 0 && (o.json || o.sarif || o.diff) {
		return nil, errors.New("-c shows source lines in text output; it does not combine with -json, -sarif or -diff")
	}
	if o.runner != "vet" && o.runner != "own" {
		return nil, fmt.Errorf("-runner=%s: want vet or own", o.runner)
	}
	if len(o.patterns) == 0 {
		return nil, errors.New("no packages named (try ./...)")
	}

	// The configuration file, then the command line over it.
	cfg, err := loadConfig(o)
	if err != nil {
		return nil, err
	}
	explicit := false
	for _, ts := range enabled {
		explicit = explicit || *ts == setTrue
	}
	for _, e := range analyzers.Suite {
		ts := *enabled[e.Analyzer.Name]
		var on bool
		switch {
		case ts != unset:
			on = ts == setTrue
		case explicit:
			// Like go vet, naming analyzers runs exactly those, and the
			// ones that always run.
			on = e.Always && cfg.On(e)
		default:
			on = cfg.On(e)
		}
		o.vetArgs = append(o.vetArgs, fmt.Sprintf("-%s=%t", e.Analyzer.Name, on))
		if on {
			o.analyzers = append(o.analyzers, e.Runnable())
		}
		// Options: the file's, unless the command line set them.
		for opt, value := range cfg.OptionsOf(e.Analyzer.Name) {
			if !set[e.Analyzer.Name+"."+opt] {
				if err := e.Analyzer.Flags.Set(opt, value); err != nil {
					return nil, fmt.Errorf("%s: options.%s.%s: %v", cfg.File, e.Analyzer.Name, opt, err)
				}
			}
		}
		e.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
			if f.Value.String() != f.DefValue {
				o.vetArgs = append(o.vetArgs, "-"+e.Analyzer.Name+"."+f.Name+"="+f.Value.String())
			}
		})
	}
	if len(o.analyzers) == 0 || len(o.analyzers) == 1 && isAlways(o.analyzers[0]) && !explicit {
		return nil, errors.New("every analyzer is turned off")
	}
	return o, nil
}

func isAlways(a *analysis.Analyzer) bool {
	for _, e := range analyzers.Suite {
		if e.Runnable() == a {
			return e.Always
		}
	}
	return false
}

// loadConfig reads the file -config names, or the concvet.yml that governs
// the current directory.
func loadConfig(o *options) (*config.Config, error) {
	switch {
	case o.configSet && o.configFile == "":
		return nil, nil
	case o.configSet:
		return config.ReadFile(o.configFile)
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	return config.Load(wd)
}
