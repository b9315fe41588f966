package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// analyze is the standalone mode: analyze the packages, print what the
// analyzers found, and return the exit code.
//
// By default the work is done by `go vet -vettool=concvet`, which analyzes
// one package per process and caches results and facts in the build
// cache: a second run over unchanged code costs what go vet's does, and
// memory stays at one package's worth. With -cache=false (or -test=false,
// which go vet cannot do) concvet loads every package from source in one
// process instead: no build is needed first, at the price of holding the
// whole program in memory.
func analyze(stdout, stderr io.Writer, o *options) int {
	var (
		res  *results
		code int
	)
	if o.cache && o.tests {
		res, code = analyzeWithVet(stderr, o)
	} else {
		res, code = analyzeInProcess(stderr, o)
	}
	if res == nil {
		return code
	}
	for _, e := range res.errors {
		fmt.Fprintf(stderr, "concvet: %s\n", e)
	}
	var err error
	switch {
	case o.sarif:
		err = printSARIF(stdout, res.findings, o.analyzers, len(res.errors) == 0)
	case o.json:
		err = res.printJSON(stdout)
	default:
		res.printText(stderr, o.context)
	}
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return 1
	}
	switch {
	case len(res.errors) > 0:
		return 1
	case len(res.findings) > 0 && !o.json && !o.sarif:
		return 3
	}
	return 0
}

// analyzeWithVet runs the selected analyzers through go vet, with this
// executable as the vet tool, and collects its JSON output.
func analyzeWithVet(stderr io.Writer, o *options) (*results, int) {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return nil, 1
	}
	args := append([]string{"vet", "-vettool=" + exe, "-json"}, o.vetArgs...)
	args = append(args, o.patterns...)
	cmd := exec.Command("go", args...)
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			fmt.Fprintf(stderr, "concvet: running go vet: %v\n", err)
			return nil, 1
		}
		// The packages did not load or type-check: go vet says why,
		// one package header and its errors at a time.
		for line := range strings.Lines(errs.String()) {
			line = strings.TrimRight(line, "\n")
			if line != "" && !strings.HasPrefix(line, "# ") {
				fmt.Fprintf(stderr, "concvet: %s\n", strings.TrimPrefix(line, "vet: "))
			}
		}
		return nil, 1
	}
	res := newResults()
	dec := json.NewDecoder(&out)
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			fmt.Fprintf(stderr, "concvet: reading go vet's output: %v\n", err)
			return nil, 1
		}
		res.add(tree)
	}
	return res, 0
}

// analyzeInProcess loads the packages from source and analyzes them in this
// process.
func analyzeInProcess(stderr io.Writer, o *options) (*results, int) {
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: o.tests,
	}
	pkgs, err := packages.Load(cfg, o.patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return nil, 1
	}
	if len(pkgs) == 0 {
		fmt.Fprintf(stderr, "concvet: %v matched no packages\n", o.patterns)
		return nil, 1
	}
	// A package that does not load or type-check is reported, once per
	// error, and nothing is analyzed: its diagnostics would be guesses.
	seen := make(map[string]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := e.Error()
			if !seen[msg] {
				seen[msg] = true
				fmt.Fprintf(stderr, "concvet: %s\n", msg)
			}
		}
	})
	if len(seen) > 0 {
		return nil, 1
	}
	graph, err := checker.Analyze(o.analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return nil, 1
	}
	var buf bytes.Buffer
	if err := graph.PrintJSON(&buf); err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return nil, 1
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &tree); err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return nil, 1
	}
	res := newResults()
	res.add(tree)
	return res, 0
}

// results are the findings of a run, in the JSON form of the x/tools
// analysis drivers (which go vet -json also prints).
type results struct {
	tree     map[string]map[string]json.RawMessage // package → analyzer → diagnostics or error
	findings []finding
	errors   []string
}

type finding struct {
	analyzer string
	jsonDiagnostic
}

type jsonDiagnostic struct {
	Category       string            `json:"category,omitempty"`
	Posn           string            `json:"posn"`
	End            string            `json:"end"`
	Message        string            `json:"message"`
	SuggestedFixes []json.RawMessage `json:"suggested_fixes,omitempty"`
	Related        []jsonRelated     `json:"related,omitempty"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

func newResults() *results {
	return &results{tree: make(map[string]map[string]json.RawMessage)}
}

// add merges one package tree. A package and its test variant ("p" and
// "p [p.test]") are reported together under p, as go vet reports them, and
// a diagnostic in a file they share is kept once; each package's list is
// in position order, so that every mode prints the same bytes.
func (r *results) add(tree map[string]map[string]json.RawMessage) {
	seen := make(map[string]bool)
	for _, f := range r.findings {
		seen[f.key()] = true
	}
	for _, pkg := range slices.Sorted(maps.Keys(tree)) {
		path, _, _ := strings.Cut(pkg, " [")
		for _, name := range slices.Sorted(maps.Keys(tree[pkg])) {
			raw := tree[pkg][name]
			if r.tree[path] == nil {
				r.tree[path] = make(map[string]json.RawMessage)
			}
			var failure struct {
				Err string `json:"error"`
			}
			if json.Unmarshal(raw, &failure) == nil && failure.Err != "" {
				r.tree[path][name] = raw
				r.errors = append(r.errors, fmt.Sprintf("%s: %s: %s", pkg, name, failure.Err))
				continue
			}
			var diags []json.RawMessage
			if err := json.Unmarshal(raw, &diags); err != nil {
				r.errors = append(r.errors, fmt.Sprintf("%s: %s: unreadable result: %v", pkg, name, err))
				continue
			}
			var list []json.RawMessage
			if prev, ok := r.tree[path][name]; ok {
				json.Unmarshal(prev, &list) // written below, so well-formed
			}
			for _, d := range diags {
				var f finding
				if err := json.Unmarshal(d, &f.jsonDiagnostic); err != nil {
					r.errors = append(r.errors, fmt.Sprintf("%s: %s: unreadable result: %v", pkg, name, err))
					continue
				}
				f.analyzer = name
				if !seen[f.key()] {
					seen[f.key()] = true
					r.findings = append(r.findings, f)
					list = append(list, d)
				}
			}
			if len(list) == 0 {
				continue // all of them already reported under the package
			}
			slices.SortStableFunc(list, func(a, b json.RawMessage) int {
				var da, db jsonDiagnostic
				json.Unmarshal(a, &da)
				json.Unmarshal(b, &db)
				return cmp.Or(cmpPosn(da.Posn, db.Posn), strings.Compare(da.Message, db.Message))
			})
			merged, err := json.Marshal(list)
			if err != nil {
				r.errors = append(r.errors, fmt.Sprintf("%s: %s: %v", pkg, name, err))
				continue
			}
			r.tree[path][name] = merged
		}
	}
	slices.SortStableFunc(r.findings, func(a, b finding) int {
		return cmp.Or(cmpPosn(a.Posn, b.Posn), strings.Compare(a.analyzer, b.analyzer), strings.Compare(a.Message, b.Message))
	})
}

// cmpPosn orders file:line:col positions by file, then line, then column.
func cmpPosn(a, b string) int {
	pa, pb := parsePosn(a), parsePosn(b)
	return cmp.Or(strings.Compare(pa.file, pb.file), cmp.Compare(pa.line, pb.line), cmp.Compare(pa.col, pb.col))
}

func (f finding) key() string {
	return f.analyzer + "\x00" + f.Posn + "\x00" + f.End + "\x00" + f.Message
}

// printText prints each finding as file:line:col: message, then its
// related positions indented, with n lines of context when n >= 0.
func (r *results) printText(w io.Writer, n int) {
	files := newLineCache()
	show := func(posn, end, message string) {
		fmt.Fprintf(w, "%s: %s\n", posn, message)
		if n < 0 {
			return
		}
		p, e := parsePosn(posn), parsePosn(end)
		if e.file != p.file || e.line < p.line {
			e = p
		}
		for i := p.line - n; i <= e.line+n; i++ {
			if line := files.line(p.file, i); line != nil {
				fmt.Fprintf(w, "%d\t%s\n", i, line)
			}
		}
	}
	for _, f := range r.findings {
		show(f.Posn, f.End, f.Message)
		for _, rel := range f.Related {
			show(rel.Posn, rel.End, "\t"+rel.Message)
		}
	}
}

// printJSON prints the merged tree in the drivers' JSON form.
func (r *results) printJSON(w io.Writer) error {
	data, err := json.MarshalIndent(r.tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

type position struct {
	file      string
	line, col int
}

// parsePosn splits "file:line:col" (the file may itself hold colons).
func parsePosn(s string) position {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return position{file: s}
	}
	j := strings.LastIndexByte(s[:i], ':')
	if j < 0 {
		return position{file: s}
	}
	line, err1 := strconv.Atoi(s[j+1 : i])
	col, err2 := strconv.Atoi(s[i+1:])
	if err1 != nil || err2 != nil {
		return position{file: s}
	}
	return position{s[:j], line, col}
}
