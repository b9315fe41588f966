package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/testutil"
)

// The end-to-end tests build the concvet binary and run it the three ways
// users do, on the module in testdata/e2e.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "concvet-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "concvet")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		os.RemoveAll(dir)
		panic("building concvet: " + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixture copies a module from the repository's testdata into a fresh
// directory.
func fixture(t *testing.T, name string) string {
	t.Helper()
	return testutil.CopyDir(t, filepath.Join("..", "..", "testdata", name))
}

// run runs a command in dir and returns its output streams and exit code.
func run(t *testing.T, dir string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runEnv(t, dir, nil, name, args...)
}

// runEnv is run with extra environment variables.
func runEnv(t *testing.T, dir string, env []string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off"), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return o.String(), e.String(), code
}

// module writes a module of the given files into a fresh directory.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		file := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var wantFindings = []string{
	"e2e.go:14:4: wg.Add runs on the goroutine it counts, so wg.Wait may return before it; call wg.Add before the go statement",
	"e2e.go:30:4: wg.Done is not called on the path through the return at line 28, so wg.Wait blocks forever",
	"e2e.go:43:3: acceptLoop is started with go: s.wg.Add runs on a goroutine that s.wg does not count, so s.wg.Wait may return before it; count this goroutine too",
}

func assertFindings(t *testing.T, output string, want []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(output, w) {
			t.Errorf("missing finding %q in output:\n%s", w, output)
		}
	}
	if got := strings.Count(output, ": wg") + strings.Count(output, ": acceptLoop"); got != len(want) {
		t.Errorf("got %d findings, want %d:\n%s", got, len(want), output)
	}
}

func TestStandalone(t *testing.T) {
	dir := fixture(t, "e2e")
	stdout, stderr, code := run(t, dir, binary, "./...")
	if code != 3 || stderr != "" {
		t.Errorf("exit code %d, want 3 (findings); stderr:\n%s", code, stderr)
	}
	assertFindings(t, stdout, wantFindings)

	// Through go vet and the build cache (the default) or in process from
	// source: the same findings, the same bytes.
	inProcess, _, code := run(t, dir, binary, "-cache=false", "./...")
	if code != 3 || inProcess != stdout {
		t.Errorf("-cache=false: exit %d, output differs from the default mode:\n%s\nvs\n%s", code, inProcess, stdout)
	}

	// Selecting one analyzer runs only it.
	stdout, _, code = run(t, dir, binary, "-wgdone", "./...")
	if code != 3 || strings.Contains(stdout, "wg.Add runs") || !strings.Contains(stdout, "wg.Done is not called") {
		t.Errorf("-wgdone: exit %d, output:\n%s", code, stdout)
	}
	var allOff []string
	for _, e := range analyzers.Suite {
		allOff = append(allOff, "-"+e.Analyzer.Name+"=false")
	}
	_, stderr, code = run(t, dir, binary, append(allOff, "./...")...)
	if code != 2 || !strings.Contains(stderr, "every analyzer is turned off") {
		t.Errorf("all off: exit %d, output:\n%s", code, stderr)
	}
}

// TestTextOutput: findings go to standard output, as go vet and
// staticcheck print them: paths relative to the current directory, and
// the analyzer's name at the end of the line, so that a user knows what to
// write in -NAME=false or //concvet:ignore NAME.
func TestTextOutput(t *testing.T) {
	dir := fixture(t, "e2e")
	stdout, stderr, _ := run(t, dir, binary, "./...")
	if stderr != "" {
		t.Errorf("output on standard error:\n%s", stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	want := []string{
		"e2e.go:14:4: wg.Add runs on the goroutine it counts, so wg.Wait may return before it; call wg.Add before the go statement (wgadd)",
		"e2e.go:30:4: ",
		"\te2e.go:28:5: this exit skips wg.Done",
		"e2e.go:43:3: acceptLoop is started with go: ",
		"\te2e.go:50:28: started with go",
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), stdout)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want it to start with %q", i+1, lines[i], w)
		}
	}
	if !strings.HasSuffix(lines[1], " (wgdone)") || !strings.HasSuffix(lines[3], " (wgadd)") {
		t.Errorf("lines do not end with the analyzer's name:\n%s", stdout)
	}
	// From a subdirectory, paths outside it stay absolute.
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	stdout, _, _ = run(t, sub, binary, "../...")
	if !strings.HasPrefix(stdout, filepath.Join(dir, "e2e.go")+":14:4: ") {
		t.Errorf("from a subdirectory:\n%s", stdout)
	}
}

func TestJSON(t *testing.T) {
	dir := fixture(t, "e2e")
	stdout, stderr, code := run(t, dir, binary, "-json", "./...")
	if code != 0 {
		t.Fatalf("exit code %d, want 0 with -json; stderr:\n%s", code, stderr)
	}
	var out map[string]map[string][]struct {
		Posn     string `json:"posn"`
		Message  string `json:"message"`
		Category string `json:"category"`
		Severity string `json:"severity"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	byAnalyzer := out["example.com/e2e"]
	if len(byAnalyzer["wgadd"]) != 2 || len(byAnalyzer["wgdone"]) != 1 {
		t.Errorf("want 2 wgadd and 1 wgdone diagnostics, got %+v", byAnalyzer)
	}
	for _, d := range byAnalyzer["wgadd"] {
		if d.Category != "wgadd" || !strings.Contains(d.Posn, "e2e.go:") || d.Severity != "bug" {
			t.Errorf("bad diagnostic %+v", d)
		}
	}
}

func TestVetTool(t *testing.T) {
	dir := fixture(t, "e2e")
	// go vet reads no concvet.yml: wgadd, off by default, is named, and
	// naming analyzers runs those alone.
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "-wgadd", "-wgdone", "./...")
	if code != 1 {
		t.Errorf("go vet exit code %d, want 1", code)
	}
	assertFindings(t, stderr, wantFindings)

	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	if code != 1 || strings.Contains(stderr, "wg.Add runs") || !strings.Contains(stderr, "wg.Done is not called") {
		t.Errorf("go vet, default suite (wgadd off): exit %d, output:\n%s", code, stderr)
	}
}

func TestFixTool(t *testing.T) {
	dir := fixture(t, "e2e")
	// go fix reads no concvet.yml: wgadd, off by default, is named.
	stdout, _, code := run(t, dir, "go", "fix", "-fixtool="+binary, "-wgadd", "-wgdone", "-diff", "./...")
	if code != 1 || !strings.Contains(stdout, "+\t\twg.Add(1)") || !strings.Contains(stdout, "+\t\t\tdefer wg.Done()") {
		t.Errorf("go fix -diff: exit %d, diff:\n%s", code, stdout)
	}

	_, stderr, code := run(t, dir, "go", "fix", "-fixtool="+binary, "-wgadd", "-wgdone", "./...")
	if code != 0 {
		t.Fatalf("go fix: exit %d\n%s", code, stderr)
	}
	assertFixed(t, dir)
	// A second application changes nothing.
	stdout, _, code = run(t, dir, "go", "fix", "-fixtool="+binary, "-wgadd", "-wgdone", "-diff", "./...")
	if code != 0 || stdout != "" {
		t.Errorf("second go fix -diff: exit %d, diff:\n%s", code, stdout)
	}
	// What has no mechanical fix is still reported.
	stdout, _, code = run(t, dir, binary, "./...")
	if code != 3 || !strings.Contains(stdout, "acceptLoop is started with go") || strings.Count(stdout, "\n") != 2 {
		t.Errorf("after fix: exit %d, output:\n%s", code, stdout)
	}
}

// assertFixed checks that the e2e module was fixed as e2e.go.fixed says,
// and builds.
func assertFixed(t *testing.T, dir string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(dir, "e2e.go"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(dir, "e2e.go.fixed"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("fixed file differs from e2e.go.fixed:\n%s", got)
	}
	if _, stderr, code := run(t, dir, "go", "build", "./..."); code != 0 {
		t.Errorf("fixed module does not build:\n%s", stderr)
	}
}

// TestStandaloneFix: -fix applies the fixes and prints the findings that
// have none (exit 3, as any run that prints findings).
func TestStandaloneFix(t *testing.T) {
	dir := fixture(t, "e2e")
	stdout, stderr, code := run(t, dir, binary, "-fix", "./...")
	if code != 3 || !strings.HasPrefix(stdout, "e2e.go:43:3: acceptLoop is started with go") || !strings.Contains(stderr, "applied 2 fixes to 1 files") {
		t.Errorf("concvet -fix: exit %d, want 3 and the finding without a fix\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	assertFixed(t, dir)
}

// TestStandaloneDiff: -diff prints the patch and exits 1 when there is
// one, as go fix -diff does, so that it can gate CI; the findings without
// a fix go to standard error.
func TestStandaloneDiff(t *testing.T) {
	dir := fixture(t, "e2e")
	stdout, stderr, code := run(t, dir, binary, "-diff", "./...")
	if code != 1 || !strings.HasPrefix(stdout, "--- e2e.go\n+++ e2e.go\n@@ ") || !strings.Contains(stdout, "+\t\twg.Add(1)") {
		t.Errorf("-diff: exit %d, want 1 and a diff:\n%s", code, stdout)
	}
	if !strings.Contains(stderr, "acceptLoop is started with go") {
		t.Errorf("-diff: the finding without a fix is missing from standard error:\n%s", stderr)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "e2e.go"))
	if again, _, _ := run(t, dir, binary, "-fix", "-diff", "./..."); again != stdout {
		t.Errorf("-fix -diff differs from -diff:\n%s", again)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "e2e.go"))
	if !bytes.Equal(before, after) {
		t.Error("-diff changed the file")
	}
	// Applying the diff with patch(1) gives what -fix gives.
	if _, err := exec.LookPath("patch"); err == nil {
		cmd := exec.Command("patch", "-p0", "-s")
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(stdout)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch: %v\n%s", err, out)
		}
		assertFixed(t, dir)
	}
}

// TestFixAllOrNothing: with one of two files unwritable, neither changes
// and the exit is 1.
func TestFixAllOrNothing(t *testing.T) {
	src := `package m

import "sync"

func F%s(items []int) {
	var wg sync.WaitGroup
	for range items {
		go func() {
			wg.Add(1)
			defer wg.Done()
		}()
	}
	wg.Wait()
}
`
	dir := module(t, map[string]string{
		"go.mod":      "module example.com/m\n\ngo 1.24\n",
		"concvet.yml": "enable: [wgadd]\n",
		"a.go":        fmt.Sprintf(src, "A"),
		"b.go":        fmt.Sprintf(src, "B"),
	})
	if err := os.Chmod(filepath.Join(dir, "b.go"), 0o444); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, dir, binary, "-fix", "./...")
	if code != 1 || !strings.Contains(stderr, "b.go is read-only; no file was changed") {
		t.Errorf("exit %d, want 1 and an error naming b.go:\n%s", code, stderr)
	}
	for _, name := range []string{"a.go", "b.go"} {
		data, _ := os.ReadFile(filepath.Join(dir, name))
		if !strings.Contains(string(data), "go func() {\n\t\t\twg.Add(1)") {
			t.Errorf("%s was changed:\n%s", name, data)
		}
	}
}

func TestBadInput(t *testing.T) {
	dir := fixture(t, "e2e")
	for _, tc := range []struct {
		name string
		dir  string
		args []string
		code int
		want string
	}{
		{"no such directory", dir, []string{"./nosuchdir/..."}, 1, "./nosuchdir/...: pattern ./nosuchdir/...: lstat ./nosuchdir/: no such file or directory (load)"},
		{"unknown flag", dir, []string{"-nosuchflag", "./..."}, 2, "concvet: flag provided but not defined: -nosuchflag"},
		{"bad flag value", dir, []string{"-wgadd=maybe", "./..."}, 2, "concvet: invalid boolean value"},
		{"sarif with fix", dir, []string{"-sarif", "-fix", "./..."}, 2, "concvet: -sarif and -fix do not combine"},
		{"no packages", dir, nil, 2, "concvet: no packages named"},
		{"unknown analyzer help", dir, []string{"help", "nosuch"}, 2, `concvet: no analyzer named "nosuch"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := run(t, tc.dir, binary, tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			lines := strings.Split(strings.TrimSpace(stderr+stdout), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], tc.want) {
				t.Errorf("want one line starting %q, got:\n%s%s", tc.want, stderr, stdout)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Errorf("stack trace in output:\n%s", stderr)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	stdout, _, code := run(t, ".", binary, "help")
	if code != 0 {
		t.Fatalf("help: exit %d", code)
	}
	for _, name := range []string{"wgadd", "wgdone", "ignorecheck"} {
		if !strings.Contains(stdout, "    "+name+" ") {
			t.Errorf("help does not list %s:\n%s", name, stdout)
		}
	}
	for _, flag := range []string{"-json", "-sarif", "-fix", "-diff", "-tags", "-config", "-version"} {
		if !strings.Contains(stdout, "  "+flag+" ") {
			t.Errorf("help does not list %s:\n%s", flag, stdout)
		}
	}
	stdout, _, code = run(t, ".", binary, "help", "wgdone")
	wgdone, _ := analyzers.Lookup("wgdone")
	if code != 0 || !strings.Contains(stdout, "wgdone (WaitGroup, on by default, bug)") || !strings.Contains(stdout, "docs/wgdone.md") ||
		!strings.Contains(stdout, "\nPrecision on real code: "+wgdone.Precision.String()+"\n") {
		t.Errorf("help wgdone: exit %d\n%s", code, stdout)
	}
}

// TestSuppression runs the three modes on a module whose findings are
// silenced by //concvet:ignore comments: the silenced ones never show, the
// stale and unexplained suppressions do.
func TestSuppression(t *testing.T) {
	dir := fixture(t, "suppressed")
	want := []string{
		"suppressed.go:20:9: concvet:ignore wgdone suppresses nothing here; remove it",
		"suppressed.go:26:3: concvet:ignore wgadd needs a reason after the analyzer names, for the next reader",
	}
	check := func(mode, output string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(output, w) {
				t.Errorf("%s: missing %q in output:\n%s", mode, w, output)
			}
		}
		if strings.Contains(output, "wg.Add runs on the goroutine") {
			t.Errorf("%s: a suppressed finding was reported:\n%s", mode, output)
		}
	}
	stdout, _, code := run(t, dir, binary, "./...")
	if code != 3 {
		t.Errorf("standalone: exit %d, want 3", code)
	}
	check("standalone", stdout)
	if !strings.Contains(stdout, "reader (ignorecheck, cleanup)") {
		t.Errorf("the missing reason is not reported by ignorecheck:\n%s", stdout)
	}
	_, stderr, _ := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	check("go vet", stderr)
	// go fix applies no fix to a suppressed finding.
	before, err := os.ReadFile(filepath.Join(dir, "suppressed.go"))
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, dir, "go", "fix", "-fixtool="+binary, "./..."); code != 0 {
		t.Errorf("go fix: exit %d\n%s", code, stderr)
	}
	after, err := os.ReadFile(filepath.Join(dir, "suppressed.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("go fix changed a file whose finding is suppressed:\n%s", after)
	}
}

// TestSuppressionChecks: a misspelt analyzer name in //concvet:ignore is
// reported whichever analyzers run, by ignorecheck.
func TestSuppressionChecks(t *testing.T) {
	dir := fixture(t, "suppressed")
	if err := os.WriteFile(filepath.Join(dir, "misspelt.go"), []byte("package suppressed\n\nfunc misspelt() {\n\twork() //concvet:ignore wgdnoe a typo\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = "misspelt.go:4:9: concvet:ignore names unknown analyzer wgdnoe; run concvet help for the list (ignorecheck, cleanup)"
	for _, args := range [][]string{{"./..."}, {"-wgadd=false", "./..."}, {"-goleak", "./..."}, {"-cache=false", "-goleak", "./..."}} {
		stdout, _, _ := run(t, dir, binary, args...)
		if strings.Count(stdout, want) != 1 {
			t.Errorf("concvet %v: want %q once, got:\n%s", args, want, stdout)
		}
	}
}

// TestLSP drives `concvet lsp` over stdio the way an editor does:
// initialize, open a file, receive its diagnostics, ask for the quick fix
// of one, shut down.
func TestLSP(t *testing.T) {
	dir := fixture(t, "e2e")
	cmd := exec.Command(binary, "lsp")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdoutPipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	out := bufio.NewReader(stdoutPipe)

	send := func(msg map[string]any) {
		t.Helper()
		msg["jsonrpc"] = "2.0"
		data, _ := json.Marshal(msg)
		if _, err := fmt.Fprintf(stdin, "Content-Length: %d\r\n\r\n%s", len(data), data); err != nil {
			t.Fatal(err)
		}
	}
	type incoming struct {
		ID     *int            `json:"id"`
		Method string          `json:"method"`
		Params json.RawMessage `json:"params"`
		Result json.RawMessage `json:"result"`
	}
	recv := func() incoming {
		t.Helper()
		length := 0
		for {
			line, err := out.ReadString('\n')
			if err != nil {
				t.Fatalf("reading from the server: %v\n%s", err, stderr.String())
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length:"); ok {
				length, _ = strconv.Atoi(strings.TrimSpace(v))
			}
		}
		data := make([]byte, length)
		if _, err := io.ReadFull(out, data); err != nil {
			t.Fatal(err)
		}
		var m incoming
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("bad message %s: %v", data, err)
		}
		return m
	}

	// The e2e module's findings include wgadd's, off by default: the
	// editor turns it on in its settings.
	send(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"rootUri": "file://" + dir, "capabilities": map[string]any{},
		"initializationOptions": map[string]any{"concvet": map[string]any{"enable": []string{"wgadd"}}}}})
	if m := recv(); m.ID == nil || *m.ID != 1 || !strings.Contains(string(m.Result), `"codeActionProvider"`) {
		t.Fatalf("initialize: %+v", m)
	}
	send(map[string]any{"method": "initialized", "params": map[string]any{}})
	uri := "file://" + filepath.Join(dir, "e2e.go")
	src, err := os.ReadFile(filepath.Join(dir, "e2e.go"))
	if err != nil {
		t.Fatal(err)
	}
	send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": string(src)},
	}})
	m := recv()
	if m.Method != "textDocument/publishDiagnostics" {
		t.Fatalf("want publishDiagnostics, got %+v", m)
	}
	var pub struct {
		URI         string `json:"uri"`
		Diagnostics []struct {
			Range struct {
				Start struct{ Line, Character int } `json:"start"`
				End   struct{ Line, Character int } `json:"end"`
			} `json:"range"`
			Code    string `json:"code"`
			Source  string `json:"source"`
			Message string `json:"message"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal(m.Params, &pub); err != nil {
		t.Fatal(err)
	}
	if pub.URI != uri || len(pub.Diagnostics) != len(wantFindings) {
		t.Fatalf("published %d diagnostics for %s, want %d for %s: %+v", len(pub.Diagnostics), pub.URI, len(wantFindings), uri, pub.Diagnostics)
	}
	first := pub.Diagnostics[0]
	for _, d := range pub.Diagnostics {
		if d.Range.Start.Line < first.Range.Start.Line {
			first = d
		}
	}
	// e2e.go:14:4 is the first finding: wg.Add on the goroutine, with a fix.
	if first.Code != "wgadd" || first.Source != "concvet" || first.Range.Start.Line != 13 || first.Range.Start.Character != 3 {
		t.Errorf("first diagnostic %+v, want wgadd at line 13 (0-based), character 3", first)
	}

	send(map[string]any{"id": 2, "method": "textDocument/codeAction", "params": map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        first.Range,
		"context":      map[string]any{"diagnostics": []any{}},
	}})
	m = recv()
	var actions []struct {
		Title string `json:"title"`
		Kind  string `json:"kind"`
		Edit  struct {
			Changes map[string][]struct {
				NewText string `json:"newText"`
			} `json:"changes"`
		} `json:"edit"`
	}
	if err := json.Unmarshal(m.Result, &actions); err != nil || m.ID == nil || *m.ID != 2 {
		t.Fatalf("codeAction reply %+v: %v", m, err)
	}
	if len(actions) == 0 || actions[0].Kind != "quickfix" || len(actions[0].Edit.Changes[uri]) == 0 {
		t.Fatalf("want a quick fix with edits to %s, got %+v", uri, actions)
	}

	send(map[string]any{"id": 3, "method": "shutdown"})
	if m := recv(); m.ID == nil || *m.ID != 3 {
		t.Fatalf("shutdown: %+v", m)
	}
	send(map[string]any{"method": "exit"})
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("concvet lsp exited with %v\n%s", err, stderr.String())
	}
}

// TestFactsOnlyShortcut vets a package whose findings need the facts of
// its dependencies, with and without the facts-only shortcut, each with a
// build cache of its own (go vet's cache key does not see the switch): the
// findings must be the same, and there must be findings. Some need facts
// of a dependency (relay) that imports neither sync nor a channel and has
// no loop, whose facts only its own dependency's facts show.
func TestFactsOnlyShortcut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the standard library's export data twice")
	}
	dir := fixture(t, "facts")
	vet := func(shortcut string) []string {
		// The five analyzers that export facts, named (wgadd is off by
		// default), and lockorder (off by default), which asks
		// lockeffects, a requirement that exports facts.
		cmd := exec.Command("go", "vet", "-vettool="+binary, "-wgadd", "-closerecv", "-goleak", "-lockleak", "-doublelock", "-lockorder", "./app")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off",
			"GOCACHE="+t.TempDir(), "CONCVET_FACTS_SHORTCUT="+shortcut)
		out, _ := cmd.CombinedOutput()
		var lines []string
		for _, l := range strings.Split(string(out), "\n") {
			if strings.Contains(l, "app.go:") {
				lines = append(lines, strings.TrimSpace(l))
			}
		}
		sort.Strings(lines)
		return lines
	}
	with, without := vet("on"), vet("off")
	if strings.Join(with, "\n") != strings.Join(without, "\n") {
		t.Fatalf("findings differ with the shortcut:\n%s\nwithout:\n%s", strings.Join(with, "\n"), strings.Join(without, "\n"))
	}
	for _, want := range []string{
		// helpers' facts, computed in a facts-only unit
		"Track calls wg.Add", "Lock returns holding s.Mu", "goroutine never finishes: the for loop", "Finish closes ch",
		// relay's and relaych's facts, which only helpers' facts show to
		// the facts-only form of each analyzer: one per analyzer that
		// exports facts
		"Join calls g.wg.Add", "Hold returns holding s.Mu", "it calls Poll at relay.go", "Twice → Hold → Lock locks s.Mu again", "Done closes ch",
		// lockeffects' facts of helpers, a facts-only unit
		"Cache.mu then Store.Mu at app.go:",
	} {
		if !strings.Contains(strings.Join(with, "\n"), want) {
			t.Errorf("missing a finding that needs the dependency's facts: %q in\n%s", want, strings.Join(with, "\n"))
		}
	}
}
