package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers"
)

// options is what the command line asks of a standalone run.
type options struct {
	analyzers []*analysis.Analyzer // the selected analyzers
	patterns  []string
	json      bool
	sarif     bool
	context   int
	tests     bool
	cache     bool     // analyze through go vet and the build cache
	vetArgs   []string // the analyzer flags for that go vet run

	// delegate is set for the modes the x/tools driver serves (the vet
	// protocol, -fix, -flags, -V); driverArgs are then its arguments.
	delegate   bool
	driverArgs []string
}

// triState is an analyzer's -NAME flag: unset, true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (t *triState) IsBoolFlag() bool { return true }
func (t *triState) String() string {
	switch *t {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return ""
}
func (t *triState) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("want true or false, not %q", v)
	}
	if b {
		*t = setTrue
	} else {
		*t = setFalse
	}
	return nil
}

// parseFlags reads the command line with the same flags as the x/tools
// driver, so that a mistake is one clear line here instead of a usage dump
// there, and decides which analyzers run.
func parseFlags(args []string) (*options, error) {
	fs := flag.NewFlagSet("concvet", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	enabled := make(map[string]*triState)
	for _, e := range analyzers.Suite {
		a := e.Analyzer
		ts := new(triState)
		enabled[a.Name] = ts
		fs.Var(ts, a.Name, "enable "+a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, f.Usage) })
	}
	o := &options{}
	fs.BoolVar(&o.json, "json", false, "")
	fs.BoolVar(&o.sarif, "sarif", false, "")
	fs.IntVar(&o.context, "c", -1, "")
	fs.BoolVar(&o.tests, "test", true, "")
	fs.BoolVar(&o.cache, "cache", true, "")
	fix := fs.Bool("fix", false, "")
	diff := fs.Bool("diff", false, "")
	printFlags := fs.Bool("flags", false, "")
	fs.String("V", "", "")
	for _, name := range []string{"debug", "cpuprofile", "memprofile", "trace"} {
		fs.String(name, "", "")
	}
	for _, name := range []string{"source", "v", "all"} {
		fs.Bool(name, false, "")
	}
	fs.String("tags", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, errors.New("-h is not a flag")
		}
		return nil, err
	}
	o.patterns = fs.Args()

	// Like go vet, naming analyzers (-NAME) runs exactly those; otherwise
	// the default suite runs, less those turned off with -NAME=false.
	explicit := false
	for _, ts := range enabled {
		explicit = explicit || *ts == setTrue
	}
	var off []string
	for _, e := range analyzers.Suite {
		ts := *enabled[e.Analyzer.Name]
		run := ts == setTrue || !explicit && ts != setFalse && e.Default
		o.vetArgs = append(o.vetArgs, fmt.Sprintf("-%s=%t", e.Analyzer.Name, run))
		if run {
			o.analyzers = append(o.analyzers, e.Runnable())
		} else if !explicit && ts == unset {
			off = append(off, "-"+e.Analyzer.Name+"=false")
		}
	}

	set := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) {
		set[f.Name] = true
		if strings.Contains(f.Name, ".") { // an analyzer's option
			o.vetArgs = append(o.vetArgs, "-"+f.Name+"="+f.Value.String())
		}
	})
	vetProtocol := len(o.patterns) == 1 && strings.HasSuffix(o.patterns[0], ".cfg")
	if *fix || *diff || *printFlags || set["V"] || vetProtocol {
		if o.sarif {
			return nil, errors.New("-sarif is an output of the standalone mode; it does not combine with -fix, -diff, -flags, -V or the vet protocol")
		}
		o.delegate = true
		o.driverArgs = append(off, args...)
		return o, nil
	}
	if len(o.patterns) == 0 {
		return nil, errors.New("no packages named (try ./...)")
	}
	if len(o.analyzers) == 0 {
		return nil, errors.New("every analyzer is turned off")
	}
	return o, nil
}
