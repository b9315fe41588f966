package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/concvet/concvet/analyzers"
)

func names(o *options) string {
	var s []string
	for _, a := range o.analyzers {
		s = append(s, a.Name)
	}
	return strings.Join(s, ",")
}

func TestParseSelection(t *testing.T) {
	t.Chdir(t.TempDir()) // no concvet.yml
	o, err := parse([]string{"-wgadd", "./..."})
	if err != nil || names(o) != "wgadd,ignorecheck" {
		t.Errorf("-wgadd: %q, %v; want wgadd and the always-on ignorecheck", names(o), err)
	}
	o, err = parse([]string{"-wgadd", "-ignorecheck=false", "./..."})
	if err != nil || names(o) != "wgadd" {
		t.Errorf("-wgadd -ignorecheck=false: %q, %v", names(o), err)
	}
	o, err = parse([]string{"-goleak=false", "./..."})
	if err != nil || strings.Contains(names(o), "goleak") || !strings.Contains(names(o), "wgdone") || strings.Contains(names(o), "unboundedgo") {
		t.Errorf("-goleak=false: %q, %v", names(o), err)
	}
	o, err = parse([]string{"-tags=a,b", "-mod=mod", "-race", "./..."})
	if err != nil || strings.Join(o.buildFlags, " ") != "-tags=a,b -mod=mod -race=true" {
		t.Errorf("build flags %v, %v", o.buildFlags, err)
	}
	if o, err := parse([]string{"-goleak.main", "./..."}); err != nil || !strings.Contains(strings.Join(o.vetArgs, " "), "-goleak.main=true") {
		t.Errorf("an option is not passed to go vet: %v, %v", o, err)
	}
	parse([]string{"-goleak.main=false", "./..."})
}

func TestParseErrors(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-json", "-sarif", "./..."}, "-json and -sarif do not combine"},
		{[]string{"-diff", "-json", "./..."}, "-json and -diff do not combine"},
		{[]string{"-c=1", "-sarif", "./..."}, "-c shows source lines"},
		{[]string{"-V=bad"}, "want -V or -V=full"},
		{[]string{"-version", "./..."}, "take no other flags or packages"},
		{[]string{"--", "-x", "./..."}, `"-x" is not a package`},
		{[]string{"-ldflags=-s", "./..."}, "not supported: concvet runs no linker"},
		{[]string{}, "no packages named"},
		{[]string{"-checks=SA*", "./..."}, "select analyzers with -NAME"},
		{[]string{"-f=json", "./..."}, "use -json or -sarif"},
	} {
		if _, err := parse(tc.args); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parse(%q): %v, want an error containing %q", tc.args, err, tc.want)
		}
	}
}

func TestMainHelpAndVersion(t *testing.T) {
	var out, errs bytes.Buffer
	if code := Main([]string{"-help"}, &out, &errs); code != ExitOK || !strings.Contains(out.String(), "Build flags (passed to go):") {
		t.Errorf("-help: %d\n%s%s", code, out.String(), errs.String())
	}
	out.Reset()
	if code := Main([]string{"-version"}, &out, &errs); code != ExitOK || !strings.HasPrefix(out.String(), "concvet ") {
		t.Errorf("-version: %d %q", code, out.String())
	}
	if VetProtocol([]string{"./..."}) || !VetProtocol([]string{"-flags"}) || !VetProtocol([]string{"-wgadd", "/tmp/x/vet.cfg"}) {
		t.Error("VetProtocol misjudges")
	}
}

func TestVetToolArgs(t *testing.T) {
	// The analyzers off by default are turned off explicitly, in suite
	// order, before the user's own flags.
	offExcept := func(skip string) []string {
		var out []string
		for _, e := range analyzers.Suite {
			if !e.Default && e.Analyzer.Name != skip {
				out = append(out, "-"+e.Analyzer.Name+"=false")
			}
		}
		if len(out) == 0 {
			t.Fatal("no analyzer is off by default: the test needs one")
		}
		return out
	}
	want := strings.Join(append(offExcept(""), "-wgdone=false", "x.cfg"), " ")
	if got := strings.Join(VetToolArgs([]string{"-wgdone=false", "x.cfg"}), " "); got != want {
		t.Errorf("default suite: %s, want %s", got, want)
	}
	want = strings.Join(append(offExcept("unboundedgo"), "-unboundedgo=false", "x.cfg"), " ")
	if got := strings.Join(VetToolArgs([]string{"-unboundedgo=false", "x.cfg"}), " "); got != want {
		t.Errorf("an off analyzer turned off again: %s, want %s", got, want)
	}
	for _, args := range [][]string{{"-ctxprop", "x.cfg"}, {"-wgadd=true", "x.cfg"}, {"--goleak", "x.cfg"}} {
		if got := VetToolArgs(args); strings.Join(got, " ") != strings.Join(args, " ") {
			t.Errorf("VetToolArgs(%v) = %v, want them unchanged (named analyzers run alone)", args, got)
		}
	}
}
