package lsp

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/scanner"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/concvet/concvet/analyzers"
)

// An outcome is what an analysis of one package found, by document URI.
type outcome struct {
	diags map[string][]Diagnostic
	fixes map[string][]fix
	err   error // the package did not load, or go vet failed
}

// analyze runs go vet with concvet as its vet tool on the package in dir,
// with the snapshot's documents as an overlay, and maps what it reports
// back onto the documents of the package.
//
// Positions are only ever mapped into the document whose file go vet read:
// the file names it reports are the overlay files this run wrote (or, when
// go vet answers from its cache, the same names of an earlier run, or the
// file's own name), never a name taken from a //line directive: every
// directive in the package's files is neutralized in the overlay first.
func (e *engine) analyze(ctx context.Context, dir string, snap *snapshot) *outcome {
	out := &outcome{diags: make(map[string][]Diagnostic), fixes: make(map[string][]fix)}
	replace := make(map[string]string) // file → overlay file
	byFile := make(map[string]*document)
	for _, d := range snap.docs {
		ov, err := e.overlays.put(d.path, neutralize(d.path, d.data))
		if err != nil {
			out.err = err
			return out
		}
		replace[d.path] = ov
		byFile[ov] = d
		byFile[d.path] = d
	}
	// Files of the package that are not open are read from disk, unless
	// they hold line directives.
	entries, _ := os.ReadDir(dir)
	for _, ent := range entries {
		path := filepath.Join(dir, ent.Name())
		if !strings.HasSuffix(path, ".go") || ent.IsDir() || replace[path] != "" {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil || !bytes.Contains(data, []byte("line ")) {
			continue
		}
		if clean := neutralize(path, data); !bytes.Equal(clean, data) {
			ov, err := e.overlays.put(path, clean)
			if err != nil {
				out.err = err
				return out
			}
			replace[path] = ov
		}
	}
	overlay, err := e.overlays.writeOverlay(replace)
	if err != nil {
		out.err = err
		return out
	}
	defer os.Remove(overlay)
	defer e.overlays.keepOnly(replace)

	// -source=false changes nothing but keeps this run's entries in the
	// build cache apart from the command line's: go vet replays a
	// package's output from the cache when its files' contents match,
	// and this output names overlay files.
	args := []string{"vet", "-vettool=" + e.vetTool, "-json", "-source=false", "-overlay=" + overlay}
	args = append(args, snap.flags...)
	args = append(args, ".")
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PWD="+dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	killGroup(cmd)
	cmd.WaitDelay = 2 * time.Second
	start := time.Now()
	err = cmd.Run()
	if ctx.Err() != nil {
		return out
	}
	e.logf("go vet %s: %v", dir, time.Since(start).Round(time.Millisecond))
	if err != nil {
		var msgs []string
		for line := range strings.Lines(stderr.String()) {
			line = strings.TrimSpace(line)
			if line != "" && !strings.HasPrefix(line, "# ") {
				msgs = append(msgs, line)
			}
		}
		if len(msgs) == 0 {
			msgs = append(msgs, err.Error())
		}
		out.err = errors.New(strings.Join(msgs, "; "))
		return out
	}

	texts := make(map[string]*text)
	textOf := func(d *document) *text {
		t := texts[d.uri]
		if t == nil {
			t = newText(d.data)
			texts[d.uri] = t
		}
		return t
	}
	seen := make(map[string]bool)
	dec := json.NewDecoder(&stdout)
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			out.err = fmt.Errorf("reading go vet's output: %v", err)
			return out
		}
		for _, pkg := range slices.Sorted(maps.Keys(tree)) {
			for _, name := range slices.Sorted(maps.Keys(tree[pkg])) {
				var diags []jsonDiagnostic
				if err := json.Unmarshal(tree[pkg][name], &diags); err != nil {
					e.logf("%s: %s: %s", pkg, name, tree[pkg][name])
					continue
				}
				for _, jd := range diags {
					e.add(out, name, jd, byFile, textOf, seen)
				}
			}
		}
	}
	for uri := range out.diags {
		slices.SortStableFunc(out.diags[uri], func(a, b Diagnostic) int {
			return cmp.Or(cmpPosition(a.Range.Start, b.Range.Start), cmpPosition(a.Range.End, b.Range.End),
				strings.Compare(a.Code, b.Code), strings.Compare(a.Message, b.Message))
		})
	}
	return out
}

func cmpPosition(a, b Position) int {
	return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Character, b.Character))
}

// jsonDiagnostic is a diagnostic in the JSON of the x/tools drivers.
type jsonDiagnostic struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related"`
}

// add maps one diagnostic onto its document; a diagnostic in a file that is
// not an open document of the snapshot is dropped, and so is a fix with an
// edit outside the diagnostic's document.
func (e *engine) add(out *outcome, analyzer string, jd jsonDiagnostic, byFile map[string]*document, textOf func(*document) *text, seen map[string]bool) {
	file, line, col, ok := parsePosn(jd.Posn)
	d := byFile[file]
	if !ok || d == nil {
		return
	}
	t := textOf(d)
	start, ok := t.lineColumn(line, col)
	if !ok {
		return
	}
	end := start
	if efile, eline, ecol, ok := parsePosn(jd.End); ok && byFile[efile] == d {
		if p, ok := t.lineColumn(eline, ecol); ok && !before(p, start) {
			end = p
		}
	}
	key := fmt.Sprintf("%s\x00%d:%d\x00%d:%d\x00%s\x00%s", d.uri, start.Line, start.Character, end.Line, end.Character, analyzer, jd.Message)
	if seen[key] {
		return // the package and its test variant both report it
	}
	seen[key] = true
	diag := Diagnostic{
		Range:    Range{start, end},
		Severity: severity(analyzer, jd.Category),
		Code:     analyzer,
		Source:   "concvet",
		Message:  jd.Message,
	}
	if e, ok := analyzers.Lookup(analyzer); ok && e.Analyzer.URL != "" {
		diag.CodeDescription = &CodeDescription{Href: e.Analyzer.URL}
	}
	for _, rel := range jd.Related {
		rfile, rline, rcol, ok := parsePosn(rel.Posn)
		rd := byFile[rfile]
		if !ok || rd == nil {
			continue
		}
		p, ok := textOf(rd).lineColumn(rline, rcol)
		if !ok {
			continue
		}
		diag.RelatedInformation = append(diag.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: rd.uri, Range: Range{p, p}},
			Message:  rel.Message,
		})
	}
	out.diags[d.uri] = append(out.diags[d.uri], diag)

fixes:
	for _, sf := range jd.SuggestedFixes {
		f := fix{diag: diag, title: sf.Message}
		for _, ed := range sf.Edits {
			if byFile[ed.Filename] != d || ed.Start > ed.End {
				continue fixes
			}
			s, ok1 := t.position(ed.Start)
			en, ok2 := t.position(ed.End)
			if !ok1 || !ok2 {
				continue fixes
			}
			f.edits = append(f.edits, TextEdit{Range: Range{s, en}, NewText: ed.New})
		}
		if len(f.edits) > 0 {
			out.fixes[d.uri] = append(out.fixes[d.uri], f)
		}
	}
}

// parsePosn splits "file:line:col".
func parsePosn(s string) (file string, line, col int, ok bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", 0, 0, false
	}
	j := strings.LastIndexByte(s[:i], ':')
	if j < 0 {
		return "", 0, 0, false
	}
	line, err1 := strconv.Atoi(s[j+1 : i])
	col, err2 := strconv.Atoi(s[i+1:])
	if err1 != nil || err2 != nil {
		return "", 0, 0, false
	}
	return s[:j], line, col, true
}

// neutralize returns src with every //line and /*line directive made an
// ordinary comment of the same length ("//LINE"), so that positions keep
// their offsets and no position is moved to another file or line.
func neutralize(path string, src []byte) []byte {
	if !bytes.Contains(src, []byte("line ")) {
		return src
	}
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile(path, -1, len(src))
	s.Init(file, src, func(token.Position, string) {}, scanner.ScanComments)
	var out []byte
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.COMMENT && (strings.HasPrefix(lit, "//line ") || strings.HasPrefix(lit, "/*line ")) {
			if out == nil {
				out = bytes.Clone(src)
			}
			off := file.Offset(pos)
			copy(out[off+2:], "LINE")
		}
	}
	if out == nil {
		return src
	}
	return out
}

// An overlayStore writes the overlay files of the go vet runs.
//
// An overlay file's name depends only on the file it replaces and its
// contents. go vet caches a package's output under the contents of its
// files and replays it when they recur, in this session or a later one;
// the names in the replay are then the names this run would have written.
type overlayStore struct {
	logf func(string, ...any)
	base string

	mu      sync.Mutex
	written map[string]bool
	seq     int
}

func newOverlayStore(logf func(string, ...any)) *overlayStore {
	base := ""
	if dir, err := os.UserCacheDir(); err == nil {
		base = filepath.Join(dir, "concvet", "lsp-overlay")
		if err := os.MkdirAll(base, 0o700); err != nil {
			base = ""
		}
	}
	if base == "" {
		dir, err := os.MkdirTemp("", "concvet-lsp-")
		if err != nil {
			logf("no directory for overlay files: %v", err)
		}
		base = dir
	}
	removeStale(base)
	return &overlayStore{logf: logf, base: base, written: make(map[string]bool)}
}

// staleAge is the age past which overlay files are taken to be left over
// by a server that did not exit cleanly.
const staleAge = 24 * time.Hour

// removeStale removes the overlay files and directories under base not
// touched for staleAge. (A session that still uses one writes it again.)
func removeStale(base string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleAge {
			os.RemoveAll(filepath.Join(base, e.Name()))
		}
	}
}

// put writes the overlay file of file with data, and returns its name.
func (s *overlayStore) put(file string, data []byte) (string, error) {
	h := sha256.New()
	h.Write([]byte(file))
	h.Write([]byte{0})
	h.Write(data)
	name := filepath.Join(s.base, hex.EncodeToString(h.Sum(nil))[:32], filepath.Base(file))
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written[name] {
		if _, err := os.Stat(name); err == nil {
			return name, nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return "", err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	s.written[name] = true
	return name, nil
}

// writeOverlay writes go's -overlay file.
func (s *overlayStore) writeOverlay(replace map[string]string) (string, error) {
	data, err := json.Marshal(struct{ Replace map[string]string }{replace})
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	s.seq++
	name := filepath.Join(s.base, fmt.Sprintf("overlay-%d-%d.json", os.Getpid(), s.seq))
	s.mu.Unlock()
	return name, os.WriteFile(name, data, 0o600)
}

// keepOnly removes the overlay files written before that replace does not
// name.
func (s *overlayStore) keepOnly(replace map[string]string) {
	keep := make(map[string]bool)
	for _, ov := range replace {
		keep[ov] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for name := range s.written {
		if !keep[name] {
			s.remove(name)
		}
	}
}

func (s *overlayStore) removeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name := range s.written {
		s.remove(name)
	}
}

func (s *overlayStore) remove(name string) {
	delete(s.written, name)
	os.Remove(name)
	os.Remove(filepath.Dir(name)) // if empty
}
