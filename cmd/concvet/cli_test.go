package main_test

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpFlags: -h, -help and --help print the usage on standard output
// and exit 0, as staticcheck and go vet users expect.
func TestHelpFlags(t *testing.T) {
	for _, flag := range []string{"-h", "-help", "--help"} {
		stdout, stderr, code := run(t, ".", binary, flag)
		if code != 0 || !strings.Contains(stdout, "Usage:") || !strings.Contains(stdout, "Exit codes:") || stderr != "" {
			t.Errorf("concvet %s: exit %d\nstdout:\n%s\nstderr:\n%s", flag, code, stdout, stderr)
		}
	}
}

// TestVersion: -version and -V print the module version; -V=full answers
// go vet in the form it parses; a bad -V is a usage error.
func TestVersion(t *testing.T) {
	for _, flag := range []string{"-version", "-V"} {
		stdout, _, code := run(t, ".", binary, flag)
		if code != 0 || !strings.HasPrefix(stdout, "concvet ") || strings.Contains(stdout, "comments-go-here") {
			t.Errorf("concvet %s: exit %d\n%s", flag, code, stdout)
		}
	}
	stdout, _, code := run(t, ".", binary, "-V=full")
	f := strings.Fields(stdout)
	if code != 0 || len(f) < 4 || f[0] != "concvet" || f[1] != "version" || f[2] != "devel" || !strings.HasPrefix(f[len(f)-1], "buildID=") || strings.Contains(stdout, "comments-go-here") {
		t.Errorf("-V=full: exit %d\n%s", code, stdout)
	}
	_, stderr, code := run(t, ".", binary, "-V=bad")
	if code != 2 || !strings.HasPrefix(stderr, "concvet: ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("-V=bad: exit %d, want 2 and one line\n%s", code, stderr)
	}
}

// taggedModule has a finding only in a file built with -tags=special.
func taggedModule(t *testing.T) string {
	return module(t, map[string]string{
		"go.mod":      "module example.com/tagged\n\ngo 1.24\n",
		"concvet.yml": "enable: [wgadd]\n",
		"plain.go": `package tagged

func Plain() {}
`,
		"special.go": `//go:build special

package tagged

import "sync"

func Special() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1)
		defer wg.Done()
	}()
	wg.Wait()
}
`,
	})
}

// TestBuildFlags: build flags reach go; those that change nothing concvet
// sees are refused, never accepted and ignored.
func TestBuildFlags(t *testing.T) {
	dir := taggedModule(t)
	for _, mode := range [][]string{nil, {"-cache=false"}} {
		stdout, _, code := run(t, dir, binary, append(mode, "./...")...)
		if code != 0 || stdout != "" {
			t.Errorf("%v without -tags: exit %d\n%s", mode, code, stdout)
		}
		stdout, stderr, code := run(t, dir, binary, append(mode, "-tags=special", "./...")...)
		if code != 3 || !strings.HasPrefix(stdout, "special.go:10:3: wg.Add runs on the goroutine it counts") {
			t.Errorf("%v -tags=special: exit %d, want the finding in special.go\n%s%s", mode, code, stdout, stderr)
		}
	}
	for _, args := range [][]string{{"-gcflags=-N", "./..."}, {"-toolexec=./x.sh", "./..."}, {"-cpuprofile=x", "./..."}, {"-trimpath", "./..."}} {
		_, stderr, code := run(t, dir, binary, args...)
		if code != 2 || !strings.Contains(stderr, "not supported") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("concvet %v: exit %d, want 2 and one line\n%s", args, code, stderr)
		}
	}
}

// TestPackageArgumentStartingWithDash: after --, an argument that looks
// like a flag is refused, not handed to go as one.
func TestPackageArgumentStartingWithDash(t *testing.T) {
	dir := taggedModule(t)
	marker := filepath.Join(dir, "ran")
	script := filepath.Join(dir, "x.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ntouch "+marker+"\nexec \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, dir, binary, "--", "-toolexec="+script, "./...")
	if code != 2 || !strings.Contains(stderr, "is not a package") {
		t.Errorf("exit %d, want 2\n%s", code, stderr)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the -toolexec script ran")
	}
}

// TestConflictingFlags: each conflicting combination is one line and exit
// 2, not a silent choice.
func TestConflictingFlags(t *testing.T) {
	dir := taggedModule(t)
	for _, args := range [][]string{
		{"-json", "-sarif"},
		{"-json", "-fix"},
		{"-json", "-diff"},
		{"-sarif", "-fix"},
		{"-sarif", "-diff"},
		{"-c=2", "-json"},
		{"-version", "./..."},
	} {
		stdout, stderr, code := run(t, dir, binary, append(args, "./...")...)
		if code != 2 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "concvet: ") {
			t.Errorf("concvet %v: exit %d, want 2 and one line\nstdout:\n%s\nstderr:\n%s", args, code, stdout, stderr)
		}
	}
}

// brokenModule has one package that does not type-check beside one with a
// finding.
func brokenModule(t *testing.T) string {
	return module(t, map[string]string{
		"go.mod":      "module example.com/mixed\n\ngo 1.24\n",
		"concvet.yml": "enable: [wgadd]\n",
		"good/good.go": `package good

import "sync"

func F() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1)
		defer wg.Done()
	}()
	wg.Wait()
}
`,
		"bad/bad.go": "package bad\n\nvar X = undefinedThing\n",
	})
}

// TestBrokenPackage: the packages that load are analyzed; the one that
// does not is reported once, as a finding, and the exit is 1.
func TestBrokenPackage(t *testing.T) {
	dir := brokenModule(t)
	for _, mode := range [][]string{nil, {"-cache=false"}} {
		stdout, stderr, code := run(t, dir, binary, append(mode, "./...")...)
		if code != 1 {
			t.Errorf("%v: exit %d, want 1", mode, code)
		}
		want := "bad/bad.go:3:9: undefined: undefinedThing (load)\ngood/good.go:8:3: wg.Add runs on the goroutine it counts"
		if !strings.HasPrefix(stdout, want) || strings.Count(stdout+stderr, "undefinedThing") != 1 {
			t.Errorf("%v: want\n%s\ngot:\n%s%s", mode, want, stdout, stderr)
		}
	}

	stdout, _, code := run(t, dir, binary, "-json", "./...")
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil || code != 1 {
		t.Fatalf("-json: exit %d, %v\n%s", code, err, stdout)
	}
	if !strings.Contains(string(tree["example.com/mixed/bad"]["load"]), "undefined: undefinedThing") || tree["example.com/mixed/good"]["wgadd"] == nil {
		t.Errorf("-json: %s", stdout)
	}

	stdout, _, code = run(t, dir, binary, "-sarif", "./...")
	var log sarifLog
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || code != 1 || len(log.Runs) != 1 {
		t.Fatalf("-sarif: exit %d, %v\n%s", code, err, stdout)
	}
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 || inv.ToolExecutionNotifications[0].Level != "error" ||
		!strings.Contains(inv.ToolExecutionNotifications[0].Message.Text, "undefinedThing") || len(log.Runs[0].Results) != 1 {
		t.Errorf("-sarif: %s", stdout)
	}
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine, StartColumn, EndLine, EndColumn int
		} `json:"region"`
	} `json:"physicalLocation"`
}

type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name            string `json:"name"`
				Version         string `json:"version"`
				SemanticVersion string `json:"semanticVersion"`
				Rules           []struct {
					ID               string            `json:"id"`
					ShortDescription map[string]string `json:"shortDescription"`
					FullDescription  map[string]string `json:"fullDescription"`
					Help             map[string]string `json:"help"`
					HelpURI          string            `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			WorkingDirectory    struct {
				URI string `json:"uri"`
			} `json:"workingDirectory"`
			ToolExecutionNotifications []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results []struct {
			RuleID              string            `json:"ruleId"`
			RuleIndex           int               `json:"ruleIndex"`
			Level               string            `json:"level"`
			Message             map[string]string `json:"message"`
			Locations           []sarifLocation   `json:"locations"`
			RelatedLocations    []sarifLocation   `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

// TestSARIF checks -sarif output against the properties that the SARIF
// 2.1.0 schema and GitHub code scanning require, and that two runs give the
// same bytes.
func TestSARIF(t *testing.T) {
	dir := fixture(t, "e2e")
	stdout, stderr, code := run(t, dir, binary, "-sarif", "./...")
	if code != 0 {
		t.Fatalf("exit %d, want 0\n%s", code, stderr)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("version %q, $schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	r := log.Runs[0]
	d := r.Tool.Driver
	if d.Name != "concvet" || len(d.Rules) == 0 || d.Version == "" || d.SemanticVersion == "" || strings.HasPrefix(d.SemanticVersion, "v") {
		t.Fatalf("driver %q version %q semanticVersion %q with %d rules", d.Name, d.Version, d.SemanticVersion, len(d.Rules))
	}
	for _, rule := range d.Rules {
		if rule.ID == "" || rule.ShortDescription["text"] == "" || rule.FullDescription["text"] == "" || rule.Help["text"] == "" || !strings.HasSuffix(rule.HelpURI, "docs/"+rule.ID+".md") {
			t.Errorf("rule %q lacks a property GitHub requires: %+v", rule.ID, rule)
		}
	}
	if r.OriginalURIBaseIDs["%SRCROOT%"].URI != "file://"+filepath.ToSlash(dir)+"/" {
		t.Errorf("originalUriBaseIds %+v, want %%SRCROOT%% at the module root %s", r.OriginalURIBaseIDs, dir)
	}
	if len(r.Results) != len(wantFindings) {
		t.Errorf("%d results, want %d", len(r.Results), len(wantFindings))
	}
	for _, res := range r.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(d.Rules) || d.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result of %q has ruleIndex %d", res.RuleID, res.RuleIndex)
		}
		if res.Message["text"] == "" || res.Level != "warning" || len(res.Locations) != 1 || len(res.PartialFingerprints) == 0 {
			t.Errorf("incomplete result: %+v", res)
			continue
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != "e2e.go" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("location %+v, want e2e.go under %%SRCROOT%%", loc.ArtifactLocation)
		}
		if reg := loc.Region; reg.StartLine < 1 || reg.StartColumn < 1 || reg.EndLine < reg.StartLine || reg.EndColumn < 1 {
			t.Errorf("bad region %+v", reg)
		}
		if strings.Contains(res.Message["text"], "acceptLoop") && (len(res.RelatedLocations) != 1 || res.RelatedLocations[0].PhysicalLocation.Region.StartLine != 50) {
			t.Errorf("the go statement is not a related location: %+v", res.RelatedLocations)
		}
	}
	again, _, _ := run(t, dir, binary, "-sarif", "./...")
	if again != stdout {
		t.Error("two runs gave different SARIF")
	}
}

// TestSARIFPaths: URIs are relative to the module root whatever the
// working directory, and percent-encoded.
func TestSARIFPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my module")
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := fixture(t, "e2e")
	for _, name := range []string{"go.mod", "e2e.go"} {
		data, _ := os.ReadFile(filepath.Join(src, name))
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, _, code := run(t, filepath.Join(dir, "sub"), binary, "-sarif", "../...")
	var log sarifLog
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || code != 0 {
		t.Fatalf("exit %d, %v\n%s", code, err, stdout)
	}
	r := log.Runs[0]
	if got := r.Invocations[0].WorkingDirectory.URI; !strings.HasSuffix(got, "/my%20module/sub/") {
		t.Errorf("workingDirectory %q is not percent-encoded", got)
	}
	if got := r.OriginalURIBaseIDs["%SRCROOT%"].URI; !strings.HasSuffix(got, "/my%20module/") {
		t.Errorf("%%SRCROOT%% = %q, want the module root", got)
	}
	for _, res := range r.Results {
		if loc := res.Locations[0].PhysicalLocation.ArtifactLocation; loc.URI != "e2e.go" || loc.URIBaseID != "%SRCROOT%" {
			t.Errorf("location %+v, want e2e.go under %%SRCROOT%%", loc)
		}
	}
}

// TestConfigFile: concvet.yml in the module root, found from a
// subdirectory, selects analyzers; the command line overrides it; a bad
// key is one clear line and exit 2.
func TestConfigFile(t *testing.T) {
	dir := fixture(t, "e2e")
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(dir, "concvet.yml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("# the e2e module\nenable: [wgadd]\ndisable: [wgdone]\noptions:\n  goleak:\n    main: true\n")
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dir, sub} {
		pattern := "./..."
		if d == sub {
			pattern = "../..."
		}
		stdout, stderr, code := run(t, d, binary, pattern)
		if code != 3 || strings.Contains(stdout, "(wgdone)") || !strings.Contains(stdout, "(wgadd)") {
			t.Errorf("in %s: exit %d\n%s%s", d, code, stdout, stderr)
		}
	}
	if stdout, _, _ := run(t, dir, binary, "-wgdone", "./..."); !strings.Contains(stdout, "(wgdone)") {
		t.Errorf("-wgdone does not override the file:\n%s", stdout)
	}
	if stdout, _, _ := run(t, dir, binary, "-config=", "./..."); !strings.Contains(stdout, "(wgdone)") || strings.Contains(stdout, "(wgadd)") {
		t.Errorf("-config= still reads the file:\n%s", stdout)
	}
	write("disable: [wgadd]\nenabel: [ctxprop]\n")
	_, stderr, code := run(t, dir, binary, "./...")
	if code != 2 || !strings.Contains(stderr, filepath.Join(dir, "concvet.yml")+`: unknown key "enabel"`) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("bad key: exit %d\n%s", code, stderr)
	}
	write("options:\n  goleak:\n    main: 3\n")
	_, stderr, code = run(t, dir, binary, "./...")
	if code != 2 || !strings.Contains(stderr, "options.goleak.main") {
		t.Errorf("bad value: exit %d\n%s", code, stderr)
	}
}

// TestGoProgressLines: go's own progress lines reach the user as go wrote
// them, even when a package does not load.
func TestGoProgressLines(t *testing.T) {
	proxy := t.TempDir()
	at := filepath.Join(proxy, "example.com", "dep", "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	gomod := "module example.com/dep\n\ngo 1.21\n"
	files := map[string]string{
		"list":        "v1.0.0\n",
		"v1.0.0.info": `{"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}`,
		"v1.0.0.mod":  gomod,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(at, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zf, err := os.Create(filepath.Join(at, "v1.0.0.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	for name, text := range map[string]string{"go.mod": gomod, "dep.go": "package dep\n\nconst X = 1\n"} {
		w, err := zw.Create("example.com/dep@v1.0.0/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(text))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zf.Close()

	dir := brokenModule(t)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/mixed\n\ngo 1.24\n\nrequire example.com/dep v1.0.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "good", "dep.go"), []byte("package good\n\nimport \"example.com/dep\"\n\nvar _ = dep.X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"GOPROXY=file://" + filepath.ToSlash(proxy), "GONOSUMDB=example.com", "GOSUMDB=off", "GOMODCACHE=" + t.TempDir(), "GOFLAGS=-mod=mod -modcacherw"}
	stdout, stderr, code := runEnv(t, dir, env, binary, "./...")
	if code != 1 || !strings.Contains(stdout, "undefinedThing (load)") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "go: downloading example.com/dep v1.0.0") || strings.Contains(stderr, "concvet: go:") {
		t.Errorf("go's progress lines are not passed through as they are:\n%s", stderr)
	}
}

// TestSARIFMultitool validates -sarif output with the SARIF multitool, on
// a clean run, a run from a subdirectory and a run where a package does not
// load: no error and no warning. It runs when CONCVET_SARIF_MULTITOOL names
// the sarif-multitool command; .ci/run installs it from npm.
func TestSARIFMultitool(t *testing.T) {
	tool := os.Getenv("CONCVET_SARIF_MULTITOOL")
	if tool == "" {
		t.Skip("set CONCVET_SARIF_MULTITOOL to a sarif-multitool command to run this test (.ci/run does)")
	}
	e2e := fixture(t, "e2e")
	sub := filepath.Join(e2e, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir, pattern string
	}{
		{"findings", e2e, "./..."},
		{"from a subdirectory", sub, "../..."},
		{"a package that does not load", brokenModule(t), "./..."},
	} {
		stdout, _, _ := run(t, tc.dir, binary, "-sarif", tc.pattern)
		file := filepath.Join(t.TempDir(), "concvet.sarif")
		if err := os.WriteFile(file, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		out, _, code := run(t, ".", tool, "validate", file)
		if code != 0 || strings.Contains(out, ": error ") || strings.Contains(out, ": warning ") || !strings.Contains(out, "1 files scanned") {
			t.Errorf("%s: sarif-multitool validate exited %d:\n%s", tc.name, code, out)
		}
	}
}

// TestVetToolDefaultSuite: through go vet, the analyzers that are off by
// default stay off unless named.
func TestVetToolDefaultSuite(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod": "module example.com/fanout\n\ngo 1.24\n",
		"fanout.go": `package fanout

import (
	"bufio"
	"io"
)

func fetch(string) {}

func FetchLines(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		go fetch(sc.Text())
	}
}
`,
	})
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	if code != 0 || strings.Contains(stderr, "one goroutine per") {
		t.Errorf("go vet: exit %d, an analyzer that is off by default ran:\n%s", code, stderr)
	}
	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+binary, "-unboundedgo", "./...")
	if code != 1 || !strings.Contains(stderr, "fanout.go:13:3: go statement starts one goroutine per line scanned by sc") {
		t.Errorf("go vet -unboundedgo: exit %d\n%s", code, stderr)
	}
}
