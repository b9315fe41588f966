package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Options configure the analysis of a server or a proxy.
type Options struct {
	// VetTool is the concvet executable that go vet runs; by default
	// the running executable.
	VetTool string
	// Debounce is the pause after the last change before an analysis
	// starts; by default DefaultDebounce.
	Debounce time.Duration
	// Log receives the server's log lines; by default nothing.
	Log io.Writer
}

// DefaultDebounce is the pause after the last change before an analysis.
const DefaultDebounce = 300 * time.Millisecond

// A document is an open buffer. Documents are replaced, never changed, so
// that a snapshot can hold them while the editor goes on.
type document struct {
	uri     string
	path    string // absolute, cleaned
	version int32
	data    []byte
}

func (d *document) dir() string { return filepath.Dir(d.path) }

// A fileResult is what the last analysis found in one version of a
// document.
type fileResult struct {
	version int32
	diags   []Diagnostic
	fixes   []fix
}

// A fix is a suggested fix of a diagnostic, its edits all in the
// diagnostic's document.
type fix struct {
	diag  Diagnostic
	title string
	edits []TextEdit
}

// An engine keeps the open documents, decides what to analyze and when,
// and hands the results to publish.
type engine struct {
	vetTool  string
	debounce time.Duration
	log      io.Writer
	overlays *overlayStore

	// publish sends the diagnostics of a version of a document; it is
	// called with mu held, and must not call back into the engine.
	publish func(uri string, version *int32, diags []Diagnostic)

	mu              sync.Mutex
	docs            map[string]*document // by URI
	roots           []string             // workspace folders; none means no restriction
	flags           []string             // analyzer flags of the go vet runs
	documentChanges bool                 // the client takes versioned edits
	results         map[string]*fileResult
	dirty           []string // package directories to analyze, most urgent first
	running         *run
	waiting         bool // a debounce timer is pending
	generation      int  // of the debounce timer
	changed         chan struct{}
	closed          bool

	wake chan struct{}
	done chan struct{}
}

type run struct {
	dir    string
	cancel context.CancelFunc
}

func newEngine(opts Options, publish func(uri string, version *int32, diags []Diagnostic)) *engine {
	e := &engine{
		vetTool:  opts.VetTool,
		debounce: opts.Debounce,
		log:      opts.Log,
		publish:  publish,
		docs:     make(map[string]*document),
		results:  make(map[string]*fileResult),
		changed:  make(chan struct{}),
		wake:     make(chan struct{}, 1),
		done:     make(chan struct{}),
	}
	if e.vetTool == "" {
		if exe, err := os.Executable(); err == nil {
			e.vetTool = exe
		}
	}
	if e.debounce <= 0 {
		e.debounce = DefaultDebounce
	}
	if e.log == nil {
		e.log = io.Discard
	}
	e.flags, _ = vetFlags(nil)
	e.overlays = newOverlayStore(e.logf)
	go e.loop()
	return e
}

func (e *engine) logf(format string, args ...any) {
	fmt.Fprintf(e.log, "concvet: "+format+"\n", args...)
}

// close stops the engine: no analysis runs after it returns.
func (e *engine) close() {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return
	}
	e.closed = true
	if e.running != nil {
		e.running.cancel()
	}
	e.broadcast()
	close(e.wake) // under mu: the debounce timers send under it
	e.mu.Unlock()
	<-e.done
	e.overlays.removeAll()
}

// broadcast wakes whoever waits for a change of state. mu is held.
func (e *engine) broadcast() {
	close(e.changed)
	e.changed = make(chan struct{})
}

// initialize takes the workspace folders and client capabilities of the
// initialize request.
func (e *engine) initialize(params json.RawMessage) {
	var p struct {
		RootURI          string `json:"rootUri"`
		RootPath         string `json:"rootPath"`
		WorkspaceFolders []struct {
			URI string `json:"uri"`
		} `json:"workspaceFolders"`
		Capabilities struct {
			Workspace struct {
				WorkspaceEdit struct {
					DocumentChanges bool `json:"documentChanges"`
				} `json:"workspaceEdit"`
			} `json:"workspace"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		e.logf("initialize: %v", err)
	}
	var roots []string
	for _, f := range p.WorkspaceFolders {
		if path, err := uriToPath(f.URI); err == nil {
			roots = append(roots, path)
		}
	}
	if len(roots) == 0 {
		if path, err := uriToPath(p.RootURI); err == nil {
			roots = append(roots, path)
		} else if p.RootPath != "" && filepath.IsAbs(p.RootPath) {
			roots = append(roots, filepath.Clean(p.RootPath))
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.roots = roots
	e.documentChanges = p.Capabilities.Workspace.WorkspaceEdit.DocumentChanges
}

// changeFolders applies workspace/didChangeWorkspaceFolders.
func (e *engine) changeFolders(params json.RawMessage) {
	var p struct {
		Event struct {
			Added, Removed []struct {
				URI string `json:"uri"`
			}
		} `json:"event"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		e.logf("didChangeWorkspaceFolders: %v", err)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, f := range p.Event.Removed {
		if path, err := uriToPath(f.URI); err == nil {
			e.roots = slices.DeleteFunc(e.roots, func(r string) bool { return r == path })
		}
	}
	for _, f := range p.Event.Added {
		if path, err := uriToPath(f.URI); err == nil && !slices.Contains(e.roots, path) {
			e.roots = append(e.roots, path)
		}
	}
}

// configure applies concvet's settings; on error the previous ones stay.
func (e *engine) configure(settings json.RawMessage) error {
	flags, err := vetFlags(settings)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if slices.Equal(flags, e.flags) {
		return nil
	}
	e.flags = flags
	e.touchAll("")
	return nil
}

// inRoot reports whether a file may be analyzed: a Go file inside a
// workspace folder.
func (e *engine) inRoot(path string) bool {
	if !strings.HasSuffix(path, ".go") {
		return false
	}
	if len(e.roots) == 0 {
		return true
	}
	for _, r := range e.roots {
		if rel, err := filepath.Rel(r, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func (e *engine) didOpen(params json.RawMessage) {
	var p struct {
		TextDocument struct {
			URI     string `json:"uri"`
			Version int32  `json:"version"`
			Text    string `json:"text"`
		} `json:"textDocument"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		e.logf("didOpen: %v", err)
		return
	}
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.inRoot(path) {
		return
	}
	d := &document{uri: p.TextDocument.URI, path: path, version: p.TextDocument.Version, data: []byte(p.TextDocument.Text)}
	e.docs[d.uri] = d
	delete(e.results, d.uri)
	e.touchAll(d.dir())
}

func (e *engine) didChange(params json.RawMessage) {
	var p struct {
		TextDocument struct {
			URI     string `json:"uri"`
			Version int32  `json:"version"`
		} `json:"textDocument"`
		ContentChanges []contentChange `json:"contentChanges"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		e.logf("didChange: %v", err)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	d := e.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	data, err := applyChanges(d.data, p.ContentChanges)
	if err != nil {
		// The buffer is no longer known: stop analyzing it rather than
		// publish positions in a text the editor does not show.
		e.logf("didChange %s: %v; the document is no longer analyzed", d.uri, err)
		e.forget(d)
		return
	}
	e.docs[d.uri] = &document{uri: d.uri, path: d.path, version: p.TextDocument.Version, data: data}
	e.touchAll(d.dir())
}

func (e *engine) didSave(params json.RawMessage) {
	var p struct {
		TextDocument struct {
			URI string `json:"uri"`
		} `json:"textDocument"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if d := e.docs[p.TextDocument.URI]; d != nil {
		// The buffer has not changed, but other files on disk may have.
		e.touchAll(d.dir())
	}
}

func (e *engine) didClose(params json.RawMessage) {
	var p struct {
		TextDocument struct {
			URI string `json:"uri"`
		} `json:"textDocument"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if d := e.docs[p.TextDocument.URI]; d != nil {
		e.forget(d)
	}
}

// forget drops a document and clears its diagnostics. mu is held.
func (e *engine) forget(d *document) {
	delete(e.docs, d.uri)
	delete(e.results, d.uri)
	e.publish(d.uri, nil, []Diagnostic{})
	e.touchAll(d.dir())
}

// touchAll records a change: the package in dir (if any) is analyzed
// first, then every other package with open documents, since the change
// may alter what they see of it. A running analysis is superseded.
// mu is held.
func (e *engine) touchAll(dir string) {
	if e.closed {
		return
	}
	open := make(map[string]bool)
	for _, d := range e.docs {
		open[d.dir()] = true
	}
	var dirty []string
	if open[dir] {
		dirty = append(dirty, dir)
	}
	for _, old := range e.dirty {
		if old != dir && open[old] {
			dirty = append(dirty, old)
		}
	}
	for _, d := range slices.Sorted(maps.Keys(open)) {
		if !slices.Contains(dirty, d) {
			dirty = append(dirty, d)
		}
	}
	e.dirty = dirty
	if e.running != nil {
		e.running.cancel()
	}
	e.generation++
	gen := e.generation
	e.waiting = true
	time.AfterFunc(e.debounce, func() {
		e.mu.Lock()
		if gen != e.generation || e.closed {
			e.mu.Unlock()
			return
		}
		e.waiting = false
		select {
		case e.wake <- struct{}{}:
		default: // the loop has a wake-up pending already
		}
		e.mu.Unlock()
	})
	e.broadcast()
}

// pending reports whether an analysis of dir is due or under way.
func (e *engine) pending(dir string) bool {
	return slices.Contains(e.dirty, dir) || e.running != nil && e.running.dir == dir
}

// A snapshot is what one analysis sees: every open document and the
// analyzer flags, as they were when it started.
type snapshot struct {
	docs  map[string]*document
	flags []string
}

// loop runs the analyses, one at a time, when no change has come for the
// debounce period.
func (e *engine) loop() {
	defer close(e.done)
	for range e.wake {
		for {
			e.mu.Lock()
			if e.closed || e.waiting || len(e.dirty) == 0 {
				e.mu.Unlock()
				break
			}
			dir := e.dirty[0]
			e.dirty = e.dirty[1:]
			snap := &snapshot{docs: make(map[string]*document, len(e.docs)), flags: e.flags}
			for uri, d := range e.docs {
				snap.docs[uri] = d
			}
			ctx, cancel := context.WithCancel(context.Background())
			e.running = &run{dir: dir, cancel: cancel}
			e.mu.Unlock()

			out := e.analyze(ctx, dir, snap)

			e.mu.Lock()
			e.running = nil
			if ctx.Err() == nil {
				e.apply(dir, snap, out)
			} else if !e.closed && !slices.Contains(e.dirty, dir) {
				e.dirty = append([]string{dir}, e.dirty...)
			}
			cancel()
			e.broadcast()
			e.mu.Unlock()
		}
	}
}

// apply publishes the results of an analysis of dir for each open
// document of the package still at the version analyzed; a document
// changed since will be analyzed again. mu is held.
func (e *engine) apply(dir string, snap *snapshot, out *outcome) {
	if out.err != nil {
		e.logf("%s: %v", dir, out.err)
	}
	for _, uri := range slices.Sorted(maps.Keys(snap.docs)) {
		d := snap.docs[uri]
		if d.dir() != dir || e.docs[uri] != d {
			continue
		}
		r := &fileResult{version: d.version, diags: []Diagnostic{}}
		if out.err == nil {
			// A package that does not load has no concvet diagnostics:
			// gopls shows why, and stale ones would point at wrong code.
			r.diags = append(r.diags, out.diags[uri]...)
			r.fixes = out.fixes[uri]
		}
		e.results[uri] = r
		v := d.version
		e.publish(uri, &v, r.diags)
	}
}

// codeActions returns the quick fixes of the diagnostics of the document
// at uri that overlap rng. It answers for the version the document has
// now: if that version's analysis is due, it waits for it until ctx is
// done, and then returns what there is. Edits are versioned, so that an
// editor does not apply them to another version of the buffer.
func (e *engine) codeActions(ctx context.Context, uri string, rng Range, only []string) []CodeAction {
	actions := []CodeAction{}
	if len(only) > 0 && !slices.ContainsFunc(only, func(k string) bool { return k == "quickfix" || strings.HasPrefix("quickfix", k+".") || k == "" }) {
		return actions
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	d := e.docs[uri]
	if d == nil {
		return actions
	}
	for {
		if e.docs[uri] != d {
			return actions // changed while waiting: the request is stale
		}
		if r := e.results[uri]; r != nil && r.version == d.version {
			for _, f := range r.fixes {
				if before(f.diag.Range.End, rng.Start) || before(rng.End, f.diag.Range.Start) {
					continue
				}
				a := CodeAction{Title: f.title, Kind: "quickfix", Diagnostics: []Diagnostic{f.diag}}
				if e.documentChanges {
					a.Edit.DocumentChanges = []TextDocumentEdit{{
						TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: d.version},
						Edits:        f.edits,
					}}
				} else {
					a.Edit.Changes = map[string][]TextEdit{uri: f.edits}
				}
				actions = append(actions, a)
			}
			return actions
		}
		if e.closed || !e.pending(d.dir()) {
			return actions
		}
		changed := e.changed
		e.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
		}
		e.mu.Lock()
		if ctx.Err() != nil {
			return actions
		}
	}
}

func uriToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", fmt.Errorf("not a file URI: %q", uri)
	}
	path := filepath.FromSlash(u.Path)
	if !filepath.IsAbs(path) {
		return "", fmt.Errorf("not an absolute file URI: %q", uri)
	}
	return filepath.Clean(path), nil
}
