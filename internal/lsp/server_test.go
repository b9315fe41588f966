package lsp_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concvet/concvet/internal/lsp"
)

// Unsaved edits are analyzed: the diagnostics follow the buffer.
func TestDiagnosticsFollowTheBuffer(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startServer(t, false)
	c.initialize(dir, withWgadd)
	uri := uriOf(filepath.Join(dir, "e2e.go"))
	c.open(uri, readFile(t, filepath.Join(dir, "e2e.go")))
	p := c.publishes("diagnostics of the opened file", func(p published) bool { return p.URI == uri })
	if w := byCode(p, "wgadd"); len(w) == 0 || w[0].Range.Start.Line != wgaddLine {
		t.Fatalf("on open: wgadd %+v, want one at line %d", w, wgaddLine)
	}
	c.change(uri, 2, insertAt(2, "// one\n// two\n"))
	p = c.publishes("diagnostics of the edited buffer", func(p published) bool { return p.URI == uri && version(p) == 2 })
	if w := byCode(p, "wgadd"); len(w) == 0 || w[0].Range.Start.Line != wgaddLine+2 {
		t.Fatalf("after inserting two lines: wgadd %+v, want one at line %d", w, wgaddLine+2)
	}
	c.shutdown()
}

// A quick fix is offered for the version analyzed, as a versioned edit,
// and applied to the edited buffer it produces the right code.
func TestQuickFixOnEditedBuffer(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startServer(t, false)
	c.initialize(dir, withWgadd)
	uri := uriOf(filepath.Join(dir, "e2e.go"))
	orig := readFile(t, filepath.Join(dir, "e2e.go"))
	c.open(uri, orig)
	c.publishes("diagnostics on open", func(p published) bool { return p.URI == uri })
	c.change(uri, 2, insertAt(2, "// one\n// two\n"))
	edited := strings.Replace(orig, "\n\n", "\n\n// one\n// two\n", 1)
	p := c.publishes("diagnostics of version 2", func(p published) bool { return p.URI == uri && version(p) == 2 })
	w := byCode(p, "wgadd")
	if len(w) == 0 {
		t.Fatalf("no wgadd diagnostic in %+v", p)
	}
	actions := codeActions(t, c, uri, w[0].Range)
	if len(actions) == 0 {
		t.Fatal("no quick fix for the wgadd diagnostic")
	}
	a := actions[0]
	if len(a.Edit.Changes) > 0 || len(a.Edit.DocumentChanges) != 1 {
		t.Fatalf("edit %+v: want one versioned document change", a.Edit)
	}
	dc := a.Edit.DocumentChanges[0]
	if dc.TextDocument.URI != uri || dc.TextDocument.Version != 2 {
		t.Fatalf("edit of %s version %d, want %s version 2", dc.TextDocument.URI, dc.TextDocument.Version, uri)
	}
	got := applyEdits(t, edited, dc.Edits)
	want := strings.Replace(edited, "\t\tgo func() {\n\t\t\twg.Add(1)\n", "\t\twg.Add(1)\n\t\tgo func() {\n", 1)
	if got != want {
		t.Errorf("the fix applied to the edited buffer gives\n%s\nwant\n%s", got, want)
	}

	// After another edit, a quick fix is only ever one for the new version.
	c.change(uri, 3, insertAt(0, "// three\n"))
	for _, a := range codeActions(t, c, uri, w[0].Range) {
		for _, dc := range a.Edit.DocumentChanges {
			if dc.TextDocument.Version != 3 {
				t.Errorf("after the buffer changed to version 3, a fix for version %d: %+v", dc.TextDocument.Version, a)
			}
		}
	}
	c.shutdown()
}

type codeAction struct {
	Title string `json:"title"`
	Kind  string `json:"kind"`
	Edit  struct {
		Changes         map[string][]lsp.TextEdit `json:"changes"`
		DocumentChanges []lsp.TextDocumentEdit    `json:"documentChanges"`
	} `json:"edit"`
}

func codeActions(t *testing.T, c *client, uri string, rng lsp.Range) []codeAction {
	t.Helper()
	m := c.reply(c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        rng,
		"context":      map[string]any{"diagnostics": []any{}},
	}))
	var actions []codeAction
	if m.Error != nil || json.Unmarshal(m.Result, &actions) != nil {
		t.Fatalf("codeAction reply %+v", m)
	}
	return actions
}

// applyEdits applies LSP edits (UTF-16 columns; ASCII here) to text.
func applyEdits(t *testing.T, text string, edits []lsp.TextEdit) string {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	offset := func(p lsp.Position) int {
		n := 0
		for i := 0; i < p.Line; i++ {
			n += len(lines[i])
		}
		return n + p.Character
	}
	// Apply from the end so that earlier offsets stay valid.
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		start, end := offset(e.Range.Start), offset(e.Range.End)
		text = text[:start] + e.NewText + text[end:]
	}
	return text
}

// A //line directive does not move a diagnostic or an edit to another
// file, relative or absolute.
func TestLineDirectives(t *testing.T) {
	dir := fixture(t, "e2e")
	victim := filepath.Join(t.TempDir(), "victim.go")
	os.WriteFile(victim, []byte("package victim\n"), 0o644)
	path := filepath.Join(dir, "e2e.go")
	src := readFile(t, path)
	src = strings.Replace(src, "func ProcessAll(", "//line victim.go:3\nfunc ProcessAll(", 1)
	src = strings.Replace(src, "func FetchAll(", "//line "+victim+":3\nfunc FetchAll(", 1)
	os.WriteFile(path, []byte(src), 0o644)
	// A file that is not open, with a directive that names the open one.
	os.WriteFile(filepath.Join(dir, "other.go"), []byte("package e2e\n\nimport \"sync\"\n\n//line e2e.go:1\nfunc other(wg *sync.WaitGroup) {\n\tgo func() {\n\t\twg.Add(1)\n\t\tdefer wg.Done()\n\t}()\n\twg.Wait()\n}\n"), 0o644)

	c := startServer(t, false)
	c.initialize(dir, withWgadd)
	uri := uriOf(path)
	c.open(uri, src)
	p := c.publishes("diagnostics of the opened file", func(p published) bool { return p.URI == uri })
	if w := byCode(p, "wgadd"); len(w) == 0 || w[0].Range.Start.Line != wgaddLine+1 {
		t.Errorf("wgadd %+v, want one at its real line %d", w, wgaddLine+1)
	}
	for _, d := range p.Diagnostics {
		for _, a := range codeActions(t, c, uri, d.Range) {
			for other := range a.Edit.Changes {
				if other != uri {
					t.Errorf("a fix edits %s", other)
				}
			}
			for _, dc := range a.Edit.DocumentChanges {
				if dc.TextDocument.URI != uri {
					t.Errorf("a fix edits %s", dc.TextDocument.URI)
				}
			}
		}
	}
	c.shutdown()
	for _, m := range c.stash {
		if m.Method == "textDocument/publishDiagnostics" && !strings.Contains(string(m.Params), uri) {
			t.Errorf("published for another file: %s", m.Params)
		}
	}
	if got := readFile(t, victim); got != "package victim\n" {
		t.Errorf("victim.go changed: %q", got)
	}
}

// Requests are answered while an analysis is due or running.
func TestAnswersWhileAnalyzing(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startServer(t, false)
	c.initialize(dir, withWgadd)
	uri := uriOf(filepath.Join(dir, "e2e.go"))
	c.open(uri, readFile(t, filepath.Join(dir, "e2e.go")))
	id := c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 0}})
	first := c.await("a reply or a publish", func(m incoming) bool {
		return m.Method == "textDocument/publishDiagnostics" || m.Method == "" && string(m.ID) == "2"
	})
	if first.Method != "" {
		t.Errorf("request %d was answered only after the analysis", id)
	}
	c.publishes("diagnostics", func(p published) bool { return p.URI == uri })
	c.shutdown()
}

// A burst of edits and saves is analyzed once, for its last version, not
// once per message.
func TestDebounce(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startServer(t, false)
	c.initialize(dir, withWgadd)
	path := filepath.Join(dir, "e2e.go")
	uri := uriOf(path)
	c.open(uri, readFile(t, path))
	c.publishes("diagnostics on open", func(p published) bool { return p.URI == uri })
	const n = 30
	for v := 2; v <= n+1; v++ {
		c.change(uri, v, insertAt(2, "// x\n"))
		c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	}
	last := c.publishes("diagnostics of the last version", func(p published) bool { return p.URI == uri && version(p) == n+1 })
	if w := byCode(last, "wgadd"); len(w) == 0 || w[0].Range.Start.Line != wgaddLine+n {
		t.Errorf("wgadd %+v, want one at line %d", w, wgaddLine+n)
	}
	c.shutdown()
	count := 0
	for _, m := range c.stash {
		if m.Method == "textDocument/publishDiagnostics" {
			count++
		}
	}
	if count > 2 {
		t.Errorf("%d publishes before the last version's, for a burst of %d edits and saves", count, n)
	}
}

// $/cancelRequest ends a request that waits for an analysis.
func TestCancelRequest(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startServer(t, false)
	c.initialize(dir, withWgadd)
	path := filepath.Join(dir, "e2e.go")
	uri := uriOf(path)
	c.open(uri, readFile(t, path))
	id := c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        lsp.Range{Start: lsp.Position{Line: wgaddLine}, End: lsp.Position{Line: wgaddLine}},
		"context":      map[string]any{"diagnostics": []any{}},
	})
	c.notify("$/cancelRequest", map[string]any{"id": id})
	if m := c.reply(id); m.Error == nil || m.Error.Code != -32800 {
		t.Errorf("reply to a cancelled request: %+v, want error -32800", m)
	}
	c.shutdown()
}

// When the package stops loading, an empty set replaces the diagnostics.
func TestBrokenPackagePublishesEmpty(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startServer(t, false)
	c.initialize(dir, withWgadd)
	path := filepath.Join(dir, "e2e.go")
	uri := uriOf(path)
	src := readFile(t, path)
	c.open(uri, src)
	if p := c.publishes("diagnostics on open", func(p published) bool { return p.URI == uri }); len(p.Diagnostics) == 0 {
		t.Fatal("no diagnostics on open")
	}
	broken := strings.Replace(src, "func ProcessAll(", "func ProcessAll( {", 1)
	os.WriteFile(path, []byte(broken), 0o644)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": broken}},
	})
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	c.publishes("an empty set after the syntax error", func(p published) bool { return p.URI == uri && len(p.Diagnostics) == 0 })
	c.shutdown()
}

// Bad framing and bad JSON are answered with errors, and the server goes
// on.
func TestFraming(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startServer(t, false)
	c.sendRaw("Content-Length: 9223372036854775807\r\n\r\n{}")
	c.sendRaw("Content-Length: 1099511627776\r\n\r\n{}")
	c.sendRaw("Content-Length: 5\r\n\r\n{oops")
	c.sendRaw("Content-Length: 2\r\n\r\n[]")
	for i := 0; i < 4; i++ {
		if m := c.await("an error reply", func(m incoming) bool { return m.Error != nil }); string(m.ID) != "null" {
			t.Errorf("error reply with id %s, want null", m.ID)
		}
	}
	c.initialize(dir, withWgadd)
	c.shutdown()
}

// Settings in initializationOptions and didChangeConfiguration choose the
// analyzers and set their options; a bad setting is shown, not applied.
func TestSettings(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startServer(t, false)
	c.initialize(dir, map[string]any{"concvet": map[string]any{"enable": []string{"wgadd"}, "disable": []string{"wgdone"}}})
	path := filepath.Join(dir, "e2e.go")
	uri := uriOf(path)
	// The buffer adds a context kept in a struct field, which ctxfield
	// (off by default) reports once enabled.
	text := strings.Replace(readFile(t, path), "import (\n", "import (\n\t\"context\"\n", 1) + "\ntype holder struct{ ctx context.Context }\n"
	c.open(uri, text)
	p := c.publishes("diagnostics on open", func(p published) bool { return p.URI == uri })
	if len(byCode(p, "wgdone")) > 0 || len(byCode(p, "wgadd")) == 0 {
		t.Errorf("with wgadd enabled and wgdone disabled: %+v", p.Diagnostics)
	}
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"concvet": map[string]any{
		"enable":  []string{"ctxfield"},
		"options": map[string]any{"unboundedgo": map[string]any{"tests": true}},
	}}})
	p = c.publishes("diagnostics with ctxfield", func(p published) bool { return p.URI == uri && len(byCode(p, "ctxfield")) > 0 })
	if len(byCode(p, "wgdone")) == 0 || len(byCode(p, "wgadd")) > 0 {
		t.Errorf("with the default suite again (wgdone on, wgadd off): %+v", p.Diagnostics)
	}
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"concvet": map[string]any{"enable": []string{"nosuch"}}}})
	m := c.await("a message about the bad setting", func(m incoming) bool { return m.Method == "window/showMessage" })
	if !strings.Contains(string(m.Params), "nosuch") {
		t.Errorf("showMessage %s does not name the analyzer", m.Params)
	}
	c.shutdown()
}

// A file outside the workspace folder is not analyzed.
func TestOutsideWorkspace(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startServer(t, false)
	c.initialize(filepath.Join(dir, "sub"), withWgadd)
	path := filepath.Join(dir, "e2e.go")
	uri := uriOf(path)
	c.open(uri, readFile(t, path))
	id := c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        lsp.Range{Start: lsp.Position{Line: wgaddLine}, End: lsp.Position{Line: wgaddLine}},
		"context":      map[string]any{"diagnostics": []any{}},
	})
	if m := c.reply(id); string(m.Result) != "[]" {
		t.Errorf("code actions for a file outside the workspace: %s", m.Result)
	}
	c.shutdown()
	for _, m := range c.stash {
		if m.Method == "textDocument/publishDiagnostics" {
			t.Errorf("published for a file outside the workspace: %s", m.Params)
		}
	}
}
