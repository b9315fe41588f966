package lsp_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fakeGopls is a language server that stands for gopls in the proxy's
// tests. It publishes one diagnostic per version of a document, offers one
// code action, asks the client for its configuration once initialized,
// and reports what it was sent: its serverInfo.version is the
// initializationOptions it received, fake/echo returns its params as
// received, and fake/config the client's reply to its request.
func fakeGopls(in io.Reader, out io.Writer) int {
	r := bufio.NewReader(in)
	write := func(v any) {
		data, _ := json.Marshal(v)
		fmt.Fprintf(out, "Content-Length: %d\r\n\r\n%s", len(data), data)
	}
	var config json.RawMessage
	shutdown := false
	for {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return 1
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
		if _, err := io.ReadFull(r, data); err != nil {
			return 1
		}
		var m struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			Result json.RawMessage `json:"result"`
		}
		if err := json.Unmarshal(data, &m); err != nil {
			return 1
		}
		reply := func(result any) { write(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": result}) }
		var doc struct {
			TextDocument struct {
				URI     string `json:"uri"`
				Version int    `json:"version"`
			} `json:"textDocument"`
		}
		json.Unmarshal(m.Params, &doc)
		switch m.Method {
		case "":
			if string(m.ID) == `"fake-1"` {
				config = m.Result
			}
		case "initialize":
			var p struct {
				InitializationOptions json.RawMessage `json:"initializationOptions"`
			}
			json.Unmarshal(m.Params, &p)
			reply(map[string]any{
				"capabilities": map[string]any{"textDocumentSync": 2, "codeActionProvider": true},
				"serverInfo":   map[string]any{"name": "fake gopls", "version": string(p.InitializationOptions)},
			})
		case "initialized":
			write(map[string]any{"jsonrpc": "2.0", "id": "fake-1", "method": "workspace/configuration",
				"params": map[string]any{"items": []any{map[string]any{"section": "gopls"}}}})
		case "textDocument/didOpen", "textDocument/didChange":
			write(map[string]any{"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": map[string]any{
				"uri": doc.TextDocument.URI, "version": doc.TextDocument.Version,
				"diagnostics": []any{map[string]any{
					"range":   map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 0, "character": 7}},
					"source":  "fake",
					"message": fmt.Sprintf("gopls says version %d", doc.TextDocument.Version),
				}},
			}})
		case "textDocument/codeAction":
			reply([]any{map[string]any{"title": "gopls action", "kind": "quickfix"}})
		case "fake/echo":
			reply(string(m.Params))
		case "fake/config":
			reply(config)
		case "shutdown":
			shutdown = true
			reply(nil)
		case "exit":
			if shutdown {
				return 0
			}
			return 1
		default:
			if len(m.ID) > 0 {
				write(map[string]any{"jsonrpc": "2.0", "id": m.ID, "error": map[string]any{"code": -32601, "message": "no"}})
			}
		}
	}
}

func startProxy(t *testing.T) *client {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return startServer(t, true, "CONCVET_GOPLS="+exe, "CONCVET_FAKE_GOPLS=1")
}

func (c *client) initializeProxy(dir string, initOptions any) incoming {
	c.t.Helper()
	id := c.request("initialize", map[string]any{
		"processId":             nil,
		"rootUri":               uriOf(dir),
		"capabilities":          map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}}},
		"initializationOptions": initOptions,
	})
	m := c.reply(id)
	if m.Error != nil {
		c.t.Fatalf("initialize: %+v", m.Error)
	}
	c.notify("initialized", map[string]any{})
	return m
}

// The proxy forwards messages both ways unchanged, server-to-client
// requests and their replies included, and keeps concvet's settings from
// gopls.
func TestProxyForwards(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startProxy(t)
	m := c.initializeProxy(dir, map[string]any{"concvet": map[string]any{"disable": []string{"ctxfield"}}, "staticcheck": true})
	var init struct {
		ServerInfo struct{ Name, Version string } `json:"serverInfo"`
	}
	json.Unmarshal(m.Result, &init)
	if init.ServerInfo.Name != "fake gopls" || init.ServerInfo.Version != `{"staticcheck":true}` {
		t.Errorf("gopls received initializationOptions %q (server %q), want only its own", init.ServerInfo.Version, init.ServerInfo.Name)
	}
	// gopls asks the client; the reply goes back, less concvet's part.
	req := c.await("gopls's workspace/configuration request", func(m incoming) bool { return m.Method == "workspace/configuration" })
	if string(req.ID) != `"fake-1"` {
		t.Fatalf("request id %s, want the one gopls used", req.ID)
	}
	c.send(map[string]any{"id": "fake-1", "result": []any{map[string]any{"ui.semanticTokens": true, "concvet": map[string]any{"enable": []string{"unboundedgo"}}}}})
	if m := c.reply(c.request("fake/config", nil)); string(m.Result) != `[{"ui.semanticTokens":true}]` {
		t.Errorf("gopls received the configuration %s", m.Result)
	}
	params := `{"b":[1,2.50,"\u00e9"],  "a":{}}`
	body := `{"jsonrpc":"2.0","id":99,"method":"fake/echo","params":` + params + `}`
	c.sendRaw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
	var echoed string
	if m := c.reply(99); json.Unmarshal(m.Result, &echoed) != nil || echoed != params {
		t.Errorf("gopls received params %s, want %s byte for byte", m.Result, params)
	}
	c.shutdown()
}

// An update from either side republishes the union of gopls's and
// concvet's diagnostics, and gopls's code actions come with concvet's
// quick fixes.
func TestProxyMerges(t *testing.T) {
	dir := fixture(t, "e2e")
	c := startProxy(t)
	c.initializeProxy(dir, withWgadd)
	path := filepath.Join(dir, "e2e.go")
	uri := uriOf(path)
	c.open(uri, readFile(t, path))
	both := func(p published, v int) bool {
		return p.URI == uri && len(byCode(p, "wgadd")) > 0 && hasFake(p, v)
	}
	p := c.publishes("gopls's and concvet's diagnostics together", func(p published) bool { return both(p, 1) })
	if w := byCode(p, "wgadd"); w[0].Range.Start.Line != wgaddLine {
		t.Errorf("wgadd at line %d, want %d", w[0].Range.Start.Line, wgaddLine)
	}
	c.change(uri, 2, insertAt(2, "// one\n"))
	// gopls answers first, with concvet's diagnostics of version 1 kept;
	// then concvet's of version 2 come with gopls's.
	c.publishes("gopls's version 2 with concvet's", func(p published) bool { return both(p, 2) && byCode(p, "wgadd")[0].Range.Start.Line == wgaddLine })
	p = c.publishes("concvet's version 2 with gopls's", func(p published) bool {
		return both(p, 2) && byCode(p, "wgadd")[0].Range.Start.Line == wgaddLine+1
	})
	m := c.reply(c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        byCode(p, "wgadd")[0].Range,
		"context":      map[string]any{"diagnostics": []any{}},
	}))
	var actions []codeAction
	if err := json.Unmarshal(m.Result, &actions); err != nil {
		t.Fatalf("codeAction reply %+v: %v", m, err)
	}
	var titles []string
	for _, a := range actions {
		titles = append(titles, a.Title)
	}
	if len(actions) != 2 || actions[0].Title != "gopls action" || len(actions[1].Edit.DocumentChanges) != 1 || actions[1].Edit.DocumentChanges[0].TextDocument.Version != 2 {
		t.Errorf("code actions %q, want gopls's and concvet's fix for version 2", titles)
	}
	c.shutdown()
}

func hasFake(p published, version int) bool {
	for _, d := range p.Diagnostics {
		if d.Source == "fake" && d.Message == fmt.Sprintf("gopls says version %d", version) {
			return true
		}
	}
	return false
}

// Arguments that do not start a server run gopls as it is.
func TestProxyPassThrough(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("CONCVET_GOPLS", exe)
	t.Setenv("CONCVET_FAKE_GOPLS", "1")
	out, err := exec.Command(vetTool, "gopls", "version").CombinedOutput()
	if err != nil || string(out) != "fake gopls v0.0.0\n" {
		t.Errorf("concvet gopls version: %v, output %q; want the fake's version", err, out)
	}
}

// Without a gopls to run, initialize is answered with an error that says
// so, and the proxy exits.
func TestProxyWithoutGopls(t *testing.T) {
	c := startServer(t, true, "CONCVET_GOPLS="+filepath.Join(t.TempDir(), "no-gopls"))
	m := c.reply(c.request("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}))
	if m.Error == nil || !strings.Contains(m.Error.Message, "gopls") {
		t.Errorf("initialize without gopls: %+v", m)
	}
	if code := <-c.done; code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
}
