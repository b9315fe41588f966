package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/source"
)

// lsp is `concvet lsp`: a small language server over stdin and stdout that
// runs beside gopls in any LSP client. When a Go file is opened or saved,
// it analyzes the file's package with the default suite and publishes the
// diagnostics; each suggested fix is offered as a quick-fix code action.
// It reads files from disk: diagnostics follow saves, not keystrokes.
func lsp(in io.Reader, out io.Writer, stderr io.Writer, selected []*analysis.Analyzer) int {
	s := &server{
		out:       out,
		log:       stderr,
		analyzers: selected,
		fixes:     make(map[string][]fixEntry),
		published: make(map[string]bool),
	}
	r := bufio.NewReader(in)
	for {
		msg, err := readMessage(r)
		if err != nil {
			if err != io.EOF {
				fmt.Fprintf(stderr, "concvet lsp: %v\n", err)
				return 1
			}
			return 0
		}
		if done, code := s.handle(msg); done {
			return code
		}
	}
}

type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  any             `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type lspPosition struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type lspRange struct {
	Start lspPosition `json:"start"`
	End   lspPosition `json:"end"`
}

type lspDiagnostic struct {
	Range           lspRange `json:"range"`
	Severity        int      `json:"severity"`
	Code            string   `json:"code"`
	CodeDescription *struct {
		Href string `json:"href"`
	} `json:"codeDescription,omitempty"`
	Source  string `json:"source"`
	Message string `json:"message"`
}

type lspTextEdit struct {
	Range   lspRange `json:"range"`
	NewText string   `json:"newText"`
}

type codeAction struct {
	Title       string          `json:"title"`
	Kind        string          `json:"kind"`
	Diagnostics []lspDiagnostic `json:"diagnostics"`
	Edit        struct {
		Changes map[string][]lspTextEdit `json:"changes"`
	} `json:"edit"`
}

// A fixEntry is a suggested fix of a published diagnostic.
type fixEntry struct {
	diag  lspDiagnostic
	title string
	edits map[string][]lspTextEdit
}

type server struct {
	out       io.Writer
	log       io.Writer
	analyzers []*analysis.Analyzer
	mu        sync.Mutex
	fixes     map[string][]fixEntry // by document URI
	published map[string]bool       // URIs that have diagnostics showing
	shutdown  bool
}

func (s *server) handle(msg *message) (done bool, code int) {
	switch msg.Method {
	case "initialize":
		s.reply(msg.ID, map[string]any{
			"capabilities": map[string]any{
				"textDocumentSync":   map[string]any{"openClose": true, "change": 0, "save": true},
				"codeActionProvider": map[string]any{"codeActionKinds": []string{"quickfix"}},
			},
			"serverInfo": map[string]any{"name": "concvet"},
		})
	case "initialized", "textDocument/didChange", "textDocument/didClose", "$/cancelRequest", "workspace/didChangeConfiguration":
	case "textDocument/didOpen", "textDocument/didSave":
		var p struct {
			TextDocument struct {
				URI string `json:"uri"`
			} `json:"textDocument"`
		}
		if err := json.Unmarshal(msg.Params, &p); err == nil {
			s.analyze(p.TextDocument.URI)
		}
	case "textDocument/codeAction":
		var p struct {
			TextDocument struct {
				URI string `json:"uri"`
			} `json:"textDocument"`
			Range lspRange `json:"range"`
		}
		if err := json.Unmarshal(msg.Params, &p); err != nil {
			s.replyError(msg.ID, -32602, err.Error())
			break
		}
		s.reply(msg.ID, s.codeActions(p.TextDocument.URI, p.Range))
	case "shutdown":
		s.shutdown = true
		s.reply(msg.ID, nil)
	case "exit":
		if s.shutdown {
			return true, 0
		}
		return true, 1
	default:
		if msg.ID != nil {
			s.replyError(msg.ID, -32601, "method not supported: "+msg.Method)
		}
	}
	return false, 0
}

// analyze runs the analyzers on the package of the file at uri and
// publishes the diagnostics of each of its files.
func (s *server) analyze(uri string) {
	filename, err := uriToPath(uri)
	if err != nil || !strings.HasSuffix(filename, ".go") {
		return
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: filepath.Dir(filename), Tests: strings.HasSuffix(filename, "_test.go")}
	pkgs, err := packages.Load(cfg, "file="+filename)
	if err != nil || len(pkgs) == 0 {
		s.logf("loading %s: %v", filename, err)
		return
	}
	broken := false
	packages.Visit(pkgs, nil, func(p *packages.Package) { broken = broken || len(p.Errors) > 0 })
	if broken {
		// gopls reports the errors; concvet's findings would be guesses.
		return
	}
	graph, err := checker.Analyze(s.analyzers, pkgs, nil)
	if err != nil {
		s.logf("analyzing %s: %v", filename, err)
		return
	}
	byURI := make(map[string][]lspDiagnostic)
	fixes := make(map[string][]fixEntry)
	for _, p := range pkgs {
		for _, f := range p.CompiledGoFiles {
			byURI[pathToURI(f)] = []lspDiagnostic{}
		}
	}
	lines := source.NewLines()
	seen := make(map[string]bool)
	for act := range graph.All() {
		if !act.IsRoot || act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			posn := fset.Position(d.Pos)
			furi := pathToURI(posn.Filename)
			ld := lspDiagnostic{
				Range:    toRange(lines, fset, d.Pos, d.End),
				Severity: 2, // warning
				Code:     act.Analyzer.Name,
				Source:   "concvet",
				Message:  d.Message,
			}
			if act.Analyzer.URL != "" {
				ld.CodeDescription = &struct {
					Href string `json:"href"`
				}{act.Analyzer.URL}
			}
			key := furi + ":" + strconv.Itoa(posn.Offset) + ":" + act.Analyzer.Name + ":" + d.Message
			if seen[key] {
				continue
			}
			seen[key] = true
			byURI[furi] = append(byURI[furi], ld)
			for _, fix := range d.SuggestedFixes {
				entry := fixEntry{diag: ld, title: fix.Message, edits: make(map[string][]lspTextEdit)}
				for _, e := range fix.TextEdits {
					euri := pathToURI(fset.Position(e.Pos).Filename)
					entry.edits[euri] = append(entry.edits[euri], lspTextEdit{Range: toRange(lines, fset, e.Pos, e.End), NewText: string(e.NewText)})
				}
				fixes[furi] = append(fixes[furi], entry)
			}
		}
	}
	s.mu.Lock()
	for furi := range byURI {
		s.fixes[furi] = fixes[furi]
	}
	s.mu.Unlock()
	for furi, diags := range byURI {
		if len(diags) == 0 && !s.published[furi] {
			continue
		}
		s.published[furi] = len(diags) > 0
		s.notify("textDocument/publishDiagnostics", map[string]any{"uri": furi, "diagnostics": diags})
	}
}

// codeActions returns the quick fixes of the diagnostics that overlap r.
func (s *server) codeActions(uri string, r lspRange) []codeAction {
	s.mu.Lock()
	defer s.mu.Unlock()
	actions := []codeAction{}
	for _, f := range s.fixes[uri] {
		if before(f.diag.Range.End, r.Start) || before(r.End, f.diag.Range.Start) {
			continue
		}
		a := codeAction{Title: f.title, Kind: "quickfix", Diagnostics: []lspDiagnostic{f.diag}}
		a.Edit.Changes = f.edits
		actions = append(actions, a)
	}
	return actions
}

func before(a, b lspPosition) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// toRange converts a token range to LSP's 0-based lines and UTF-16
// columns.
func toRange(lines *source.Lines, fset *token.FileSet, pos, end token.Pos) lspRange {
	start := fset.Position(pos)
	stop := start
	if end.IsValid() {
		stop = fset.Position(end)
	}
	return lspRange{Start: toPosition(lines, start), End: toPosition(lines, stop)}
}

func toPosition(lines *source.Lines, p token.Position) lspPosition {
	line := lines.Line(p.Filename, p.Line)
	col := p.Column - 1
	if col > len(line) {
		col = len(line)
	}
	units := 0
	for _, r := range string(line[:max(col, 0)]) {
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return lspPosition{Line: p.Line - 1, Character: units}
}

func uriToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", fmt.Errorf("not a file URI: %q", uri)
	}
	return filepath.FromSlash(u.Path), nil
}

func pathToURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func (s *server) reply(id json.RawMessage, result any) {
	s.write(map[string]any{"jsonrpc": "2.0", "id": id, "result": result})
}

func (s *server) replyError(id json.RawMessage, code int, text string) {
	s.write(map[string]any{"jsonrpc": "2.0", "id": id, "error": rpcError{code, text}})
}

func (s *server) notify(method string, params any) {
	s.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

func (s *server) write(v any) {
	data, err := json.Marshal(v)
	if err != nil {
		s.logf("encoding: %v", err)
		return
	}
	fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n%s", len(data), data)
}

func (s *server) logf(format string, args ...any) {
	fmt.Fprintf(s.log, "concvet lsp: "+format+"\n", args...)
}

// readMessage reads one base-protocol message: headers, a blank line, and
// Content-Length bytes of JSON.
func readMessage(r *bufio.Reader) (*message, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length:"); ok {
			length, err = strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return nil, fmt.Errorf("bad Content-Length %q", v)
			}
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("message without Content-Length")
	}
	data := make([]byte, length)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, err
	}
	msg := new(message)
	if err := json.Unmarshal(data, msg); err != nil {
		return nil, fmt.Errorf("bad message: %v", err)
	}
	return msg, nil
}

func runLSP() int {
	var selected []*analysis.Analyzer
	for _, e := range analyzers.Suite {
		if e.Default {
			selected = append(selected, e.Runnable())
		}
	}
	return lsp(os.Stdin, os.Stdout, os.Stderr, selected)
}
