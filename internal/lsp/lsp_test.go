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
	"sync"
	"testing"
	"time"

	"github.com/concvet/concvet/internal/lsp"
	"github.com/concvet/concvet/internal/testutil"
)

// The tests speak the protocol to a server in this process, with the
// concvet binary built from this checkout as go vet's tool. With
// CONCVET_LSP_CMD set to a concvet binary they speak to `BINARY lsp`
// instead, which is how they were checked against the server they replace.

var vetTool string

func TestMain(m *testing.M) {
	if os.Getenv("CONCVET_FAKE_GOPLS") != "" {
		if len(os.Args) == 2 && os.Args[1] == "version" {
			fmt.Println("fake gopls v0.0.0")
			os.Exit(0)
		}
		os.Exit(fakeGopls(os.Stdin, os.Stdout))
	}
	dir, err := os.MkdirTemp("", "concvet-lsp-test")
	if err != nil {
		panic(err)
	}
	vetTool = filepath.Join(dir, "concvet")
	if out, err := exec.Command("go", "build", "-o", vetTool, "../../cmd/concvet").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic("building concvet: " + string(out))
	}
	os.Setenv("GOTOOLCHAIN", "local")
	os.Setenv("GOFLAGS", "-mod=mod")
	os.Setenv("GOWORK", "off")
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

// A client speaks to a server under test.
type client struct {
	t     *testing.T
	in    io.WriteCloser
	msgs  chan incoming
	done  chan int // the server's exit code
	mu    sync.Mutex
	next  int
	stash []incoming
}

type incoming struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// startServer starts `concvet lsp`, or with proxy set `concvet gopls`
// running goplsCmd.
func startServer(t *testing.T, proxy bool, env ...string) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, in: inW, msgs: make(chan incoming, 1000), done: make(chan int, 1)}
	if bin := os.Getenv("CONCVET_LSP_CMD"); bin != "" && !proxy {
		cmd := exec.Command(bin, "lsp")
		cmd.Stderr = os.Stderr
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		c.in = stdin
		go func() {
			io.Copy(outW, stdout)
			outW.Close()
			code := 0
			if cmd.Wait() != nil {
				code = 1
			}
			c.done <- code
		}()
		t.Cleanup(func() { cmd.Process.Kill() })
	} else {
		opts := lsp.Options{VetTool: vetTool, Log: testLog{t}}
		for _, kv := range env {
			k, v, _ := strings.Cut(kv, "=")
			t.Setenv(k, v)
		}
		go func() {
			var code int
			if proxy {
				code = lsp.Proxy(nil, inR, outW, testLog{t}, opts)
			} else {
				code = lsp.Serve(inR, outW, opts)
			}
			outW.Close()
			inR.Close()
			c.done <- code
		}()
	}
	go func() {
		r := bufio.NewReader(outR)
		defer close(c.msgs)
		for {
			length := -1
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
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
				return
			}
			var m incoming
			if err := json.Unmarshal(data, &m); err != nil {
				panic(fmt.Sprintf("bad message %s: %v", data, err))
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() { c.in.Close() })
	return c
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Logf("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func (c *client) sendRaw(data string) {
	c.t.Helper()
	if _, err := io.WriteString(c.in, data); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) send(msg map[string]any) {
	c.t.Helper()
	msg["jsonrpc"] = "2.0"
	data, _ := json.Marshal(msg)
	c.sendRaw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(data), data))
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"method": method, "params": params})
}

// request sends a request and returns its ID.
func (c *client) request(method string, params any) int {
	c.t.Helper()
	c.mu.Lock()
	c.next++
	id := c.next
	c.mu.Unlock()
	c.send(map[string]any{"id": id, "method": method, "params": params})
	return id
}

// timeout bounds every wait; CONCVET_LSP_TIMEOUT shortens it for runs
// against a server expected to fail.
var timeout = func() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("CONCVET_LSP_TIMEOUT")); err == nil {
		return d
	}
	return 60 * time.Second
}()

// await returns the first message (in arrival order, stashed ones first)
// that match accepts; the others are kept for later.
func (c *client) await(what string, match func(incoming) bool) incoming {
	c.t.Helper()
	for i, m := range c.stash {
		if match(m) {
			c.stash = append(c.stash[:i:i], c.stash[i+1:]...)
			return m
		}
	}
	deadline := time.After(timeout)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("the server closed its output while awaiting %s", what)
			}
			if match(m) {
				return m
			}
			c.stash = append(c.stash, m)
		case <-deadline:
			c.t.Fatalf("no %s in %v", what, timeout)
		}
	}
}

func (c *client) reply(id int) incoming {
	c.t.Helper()
	return c.await(fmt.Sprintf("reply to request %d", id), func(m incoming) bool { return m.Method == "" && string(m.ID) == strconv.Itoa(id) })
}

type diagnostic struct {
	Range   lsp.Range `json:"range"`
	Code    string    `json:"code"`
	Source  string    `json:"source"`
	Message string    `json:"message"`
}

type published struct {
	URI         string       `json:"uri"`
	Version     *int32       `json:"version"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

// publishes awaits a publishDiagnostics that match accepts.
func (c *client) publishes(what string, match func(published) bool) published {
	c.t.Helper()
	var p published
	c.await(what, func(m incoming) bool {
		if m.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var q published
		if err := json.Unmarshal(m.Params, &q); err != nil {
			c.t.Fatal(err)
		}
		if match(q) {
			p = q
			return true
		}
		return false
	})
	return p
}

// withWgadd is the settings that turn on wgadd, off by default, whose
// findings and fixes the e2e fixture is built around.
var withWgadd = map[string]any{"concvet": map[string]any{"enable": []string{"wgadd"}}}

func (c *client) initialize(dir string, initOptions any) {
	c.t.Helper()
	id := c.request("initialize", map[string]any{
		"processId": nil,
		"rootUri":   uriOf(dir),
		"capabilities": map[string]any{
			"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}},
		},
		"initializationOptions": initOptions,
	})
	if m := c.reply(id); m.Error != nil || !strings.Contains(string(m.Result), "codeActionProvider") {
		c.t.Fatalf("initialize: %+v", m)
	}
	c.notify("initialized", map[string]any{})
}

func (c *client) open(uri, text string) {
	c.notify("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": text},
	})
}

func (c *client) change(uri string, version int, changes ...map[string]any) {
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": changes,
	})
}

func (c *client) shutdown() {
	c.t.Helper()
	if m := c.reply(c.request("shutdown", nil)); m.Error != nil {
		c.t.Fatalf("shutdown: %+v", m.Error)
	}
	c.notify("exit", nil)
	select {
	case code := <-c.done:
		if code != 0 {
			c.t.Errorf("exit code %d after shutdown and exit", code)
		}
	case <-time.After(timeout):
		c.t.Fatal("the server did not exit")
	}
}

func uriOf(path string) string { return "file://" + filepath.ToSlash(path) }

func insertAt(line int, text string) map[string]any {
	pos := map[string]any{"line": line, "character": 0}
	return map[string]any{"range": map[string]any{"start": pos, "end": pos}, "text": text}
}

func byCode(p published, code string) []diagnostic {
	var out []diagnostic
	for _, d := range p.Diagnostics {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// e2e.go's first finding: wg.Add on the goroutine it counts, 0-based line
// 13, with a fix.
const wgaddLine = 13

func version(p published) int32 {
	if p.Version == nil {
		return -1
	}
	return *p.Version
}
