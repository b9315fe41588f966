package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/concvet/concvet/analyzers"
)

// A flagDef is one flag of the command line. The table below defines every
// flag once: parsing and the usage text both read it.
type flagDef struct {
	name  string
	group string // the heading it is listed under in the usage text
	usage string // "" hides it from the usage text
	bind  func(fs *flag.FlagSet, o *options, name, usage string)
}

func boolFlag(field func(*options) *bool, def bool) func(*flag.FlagSet, *options, string, string) {
	return func(fs *flag.FlagSet, o *options, name, usage string) { fs.BoolVar(field(o), name, def, usage) }
}

// buildFlag passes a go build flag through to go vet or go list.
func buildFlag(isBool bool) func(*flag.FlagSet, *options, string, string) {
	return func(fs *flag.FlagSet, o *options, name, usage string) {
		fs.Var(&passThrough{o: o, name: name, isBool: isBool}, name, usage)
	}
}

// refused is a flag of go build or of the x/tools driver that does not
// change what concvet analyzes: it is an error, never silently ignored.
func refused(isBool bool, why string) func(*flag.FlagSet, *options, string, string) {
	return func(fs *flag.FlagSet, o *options, name, usage string) {
		fs.Var(&refusedFlag{isBool: isBool, why: why}, name, usage)
	}
}

var flagDefs = []flagDef{
	{"config", "Selection", "read settings from `file` (default: concvet.yml in the current directory or the nearest parent; -config= reads none)", func(fs *flag.FlagSet, o *options, name, usage string) {
		fs.Func(name, usage, func(s string) error { o.configFile, o.configSet = s, true; return nil })
	}},
	{"json", "Output", "print findings as JSON (exit 0 unless something failed)", boolFlag(func(o *options) *bool { return &o.json }, false)},
	{"sarif", "Output", "print findings as SARIF 2.1.0, for code scanning (exit 0 unless something failed)", boolFlag(func(o *options) *bool { return &o.sarif }, false)},
	{"c", "Output", "show `N` lines of source around each finding", func(fs *flag.FlagSet, o *options, name, usage string) { fs.IntVar(&o.context, name, -1, usage) }},
	{"fix", "Fixes", "apply the suggested fixes, all or nothing, and print the findings that have none", boolFlag(func(o *options) *bool { return &o.fix }, false)},
	{"diff", "Fixes", "print the suggested fixes as a unified diff instead of applying them (exit 1 when there is one, as go fix -diff)", boolFlag(func(o *options) *bool { return &o.diff }, false)},
	{"test", "Packages", "analyze test files too", boolFlag(func(o *options) *bool { return &o.tests }, true)},
	{"cache", "Packages", "analyze through go vet and the build cache; false loads and analyzes in this process (no build first, much more memory)", boolFlag(func(o *options) *bool { return &o.cache }, true)},
	{"runner", "Packages", "how to analyze: `vet` (through go vet and the build cache) or own (concvet's runner, in this process, with a cache of its own in the user cache directory; -cache=false keeps none)", func(fs *flag.FlagSet, o *options, name, usage string) {
		fs.StringVar(&o.runner, name, "vet", usage)
	}},
	{"tags", "Build flags (passed to go)", "a comma-separated `list` of build tags", buildFlag(false)},
	{"mod", "Build flags (passed to go)", "module download `mode`: readonly, vendor or mod", buildFlag(false)},
	{"modfile", "Build flags (passed to go)", "use `file` instead of go.mod", buildFlag(false)},
	{"overlay", "Build flags (passed to go)", "read the `file` overlay of go build", buildFlag(false)},
	{"modcacherw", "Build flags (passed to go)", "leave new module cache directories writable", buildFlag(true)},
	{"race", "Build flags (passed to go)", "analyze the files of a -race build (the race build tag)", buildFlag(true)},
	{"msan", "Build flags (passed to go)", "analyze the files of a -msan build", buildFlag(true)},
	{"asan", "Build flags (passed to go)", "analyze the files of an -asan build", buildFlag(true)},
	{"buildvcs", "Build flags (passed to go)", "stamp version control information: true, false or `auto`", buildFlag(false)},
	{"pgo", "Build flags (passed to go)", "the profile-guided optimization `file`", buildFlag(false)},
	{"p", "Build flags (passed to go)", "run `n` programs in parallel", buildFlag(false)},
	{"version", "Information", "print concvet's version and exit", boolFlag(func(o *options) *bool { return &o.version }, false)},
	{"V", "Information", "print concvet's version and exit (-V=full: the form go vet asks for)", func(fs *flag.FlagSet, o *options, name, usage string) {
		fs.Var(&versionFlag{o: o}, name, usage)
	}},
}

// refusedFlags are flags users reach for from go build, go vet or the
// x/tools drivers that would change nothing concvet reports.
var refusedFlags = map[string]struct {
	isBool bool
	why    string
}{
	"toolexec":      {false, "concvet runs no compiler or linker"},
	"gcflags":       {false, "concvet runs no compiler"},
	"ldflags":       {false, "concvet runs no linker"},
	"asmflags":      {false, "concvet runs no assembler"},
	"gccgoflags":    {false, "concvet runs no compiler"},
	"compiler":      {false, "concvet analyzes source, whatever the compiler"},
	"buildmode":     {false, "concvet builds nothing"},
	"installsuffix": {false, "concvet installs nothing"},
	"linkshared":    {true, "concvet links nothing"},
	"pkgdir":        {false, "concvet installs nothing"},
	"trimpath":      {true, "concvet's paths are those of the source"},
	"work":          {true, "concvet keeps no work directory"},
	"a":             {true, "concvet rebuilds nothing"},
	"n":             {true, "concvet has no dry run"},
	"x":             {true, "concvet prints no commands"},
	"C":             {false, "change to the directory before running concvet"},
	"v":             {true, "concvet has no verbose mode"},
	"debug":         {false, "it is a flag of the x/tools driver that concvet's standalone mode does not use"},
	"cpuprofile":    {false, "it is a flag of the x/tools driver that concvet's standalone mode does not use"},
	"memprofile":    {false, "it is a flag of the x/tools driver that concvet's standalone mode does not use"},
	"trace":         {false, "it is a flag of the x/tools driver that concvet's standalone mode does not use"},
	"source":        {true, "it is a flag of the x/tools driver that concvet's standalone mode does not use"},
	"all":           {true, "name the analyzers to run instead (concvet help lists them)"},
	"flags":         {true, "it is part of the go vet protocol, not a user's flag"},
	// staticcheck's flags, with concvet's way to do the same.
	"checks":       {false, "select analyzers with -NAME (only those) or -NAME=false (all but those); concvet help lists them"},
	"f":            {false, "use -json or -sarif for another format"},
	"tests":        {false, "use -test=false to skip test files"},
	"explain":      {false, "use concvet help NAME"},
	"fail":         {false, "concvet exits 3 on any finding; select analyzers with -NAME or -NAME=false"},
	"go":           {false, "concvet reads the Go version from each module's go line"},
	"show-ignored": {true, "concvet prints no suppressed finding"},
}

type passThrough struct {
	o      *options
	name   string
	isBool bool
	value  string
}

func (p *passThrough) String() string   { return p.value }
func (p *passThrough) IsBoolFlag() bool { return p.isBool }
func (p *passThrough) Set(v string) error {
	if p.isBool {
		if _, err := strconv.ParseBool(v); err != nil {
			return fmt.Errorf("want true or false, not %q", v)
		}
	}
	p.value = v
	p.o.buildFlags = append(p.o.buildFlags, "-"+p.name+"="+v)
	return nil
}

type refusedFlag struct {
	isBool bool
	why    string
}

func (r *refusedFlag) String() string     { return "" }
func (r *refusedFlag) IsBoolFlag() bool   { return r.isBool }
func (r *refusedFlag) Set(v string) error { return errors.New("not supported: " + r.why) }

// versionFlag is -V: bare, it prints the version; -V=full prints it as go
// vet asks of a vet tool.
type versionFlag struct{ o *options }

func (v *versionFlag) String() string   { return "" }
func (v *versionFlag) IsBoolFlag() bool { return true }
func (v *versionFlag) Set(s string) error {
	switch s {
	case "true":
		v.o.version = true
	case "full":
		v.o.versionFull = true
	default:
		return fmt.Errorf("want -V or -V=full, not -V=%s", s)
	}
	return nil
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

// newFlagSet defines every flag: the table above, each analyzer's -NAME
// and its options as -NAME.OPTION, and the refused flags.
func newFlagSet(o *options) (*flag.FlagSet, map[string]*triState) {
	fs := flag.NewFlagSet("concvet", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for _, d := range flagDefs {
		d.bind(fs, o, d.name, d.usage)
	}
	for name, r := range refusedFlags {
		refused(r.isBool, r.why)(fs, o, name, "")
	}
	enabled := make(map[string]*triState)
	for _, e := range analyzers.Suite {
		a := e.Analyzer
		ts := new(triState)
		enabled[a.Name] = ts
		fs.Var(ts, a.Name, "run "+a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, f.Usage) })
	}
	return fs, enabled
}

// printFlags prints the table's flags by group, in table order.
func printFlags(w io.Writer) {
	group := ""
	for _, d := range flagDefs {
		if d.usage == "" {
			continue
		}
		if d.group != group {
			group = d.group
			fmt.Fprintf(w, "\n%s:\n", group)
			if group == "Selection" {
				fmt.Fprint(w, selectionUsage)
			}
		}
		arg, usage := flag.UnquoteUsage(&flag.Flag{Name: d.name, Usage: d.usage, Value: probe(d)})
		name := "-" + d.name
		if arg != "" {
			name += " " + arg
		}
		if v := probe(d); isBool(v) && v.String() == "true" {
			usage += " (default true)"
		}
		fmt.Fprintf(w, "  %-20s %s\n", name, usage)
	}
}

const selectionUsage = `  -NAME                run only the named analyzers (repeatable), as go vet does
  -NAME=false          run the default suite without NAME
  -NAME.OPTION=value   set an analyzer's option (concvet help NAME lists them)
`

func isBool(v flag.Value) bool {
	b, ok := v.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// probe returns the flag.Value a definition binds, for UnquoteUsage.
func probe(d flagDef) flag.Value {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	d.bind(fs, &options{}, d.name, d.usage)
	return fs.Lookup(d.name).Value
}
