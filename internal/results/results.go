// Package results gathers the findings of a concvet run, whichever driver
// produced them (go vet -json, or the checker in process), and prints them
// as text or JSON.
//
// Findings arrive in the JSON form of the x/tools analysis drivers (Add).
// A package and its test variant ("p" and "p [p.test]") are reported
// together under p, as go vet reports them, and a finding in a file they
// share is kept once. Packages that do not load are findings too (AddBroken),
// reported once each under the name "load".
package results

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/severity"
	"github.com/concvet/concvet/internal/source"
)

// LoadName is the analyzer name under which a package that does not load
// is reported.
const LoadName = "load"

// A Finding is one diagnostic. Its JSON form is that of the x/tools
// drivers, plus its severity.
type Finding struct {
	Package  string `json:"-"` // import path, without a test variant suffix
	Analyzer string `json:"-"`

	Category       string         `json:"category,omitempty"`
	Posn           string         `json:"posn"`
	End            string         `json:"end"`
	Message        string         `json:"message"`
	SuggestedFixes []Fix          `json:"suggested_fixes,omitempty"`
	Related        []Related      `json:"related,omitempty"`
	Severity       severity.Level `json:"severity"`
}

// A Fix is a suggested fix: edits to apply all together or not at all.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// An Edit replaces bytes [Start, End) of a file with New.
type Edit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// Related is a position related to a finding.
type Related struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

// A Failure is an analyzer that failed on a package, or a package that
// does not load.
type Failure struct {
	Package  string
	Analyzer string // LoadName for a package that does not load
	Posn     string // where, when known
	Message  string
}

func (f Failure) String() string {
	if f.Posn != "" {
		return f.Posn + ": " + f.Message
	}
	return f.Package + ": " + f.Message
}

// A Set is the results of a run.
type Set struct {
	Findings []Finding // in position order
	Failures []Failure // in package order
	seen     map[string]bool
}

// New returns an empty set.
func New() *Set { return &Set{seen: make(map[string]bool)} }

// Add merges the JSON tree of a driver: package ID → analyzer name → a
// list of diagnostics or {"error": message}.
func (s *Set) Add(tree map[string]map[string]json.RawMessage) error {
	for _, pkg := range slices.Sorted(maps.Keys(tree)) {
		path, _, _ := strings.Cut(pkg, " [")
		for _, name := range slices.Sorted(maps.Keys(tree[pkg])) {
			raw := tree[pkg][name]
			var failure struct {
				Err string `json:"error"`
			}
			if json.Unmarshal(raw, &failure) == nil && failure.Err != "" {
				s.addFailure(Failure{Package: path, Analyzer: name, Message: name + ": " + failure.Err})
				continue
			}
			var diags []Finding
			if err := json.Unmarshal(raw, &diags); err != nil {
				return fmt.Errorf("%s: %s: unreadable result: %v", pkg, name, err)
			}
			for _, f := range diags {
				f.Package, f.Analyzer = path, name
				f.Severity = analyzers.SeverityOf(name, f.Category)
				if key := f.key(); !s.seen[key] {
					s.seen[key] = true
					s.Findings = append(s.Findings, f)
				}
			}
		}
	}
	s.sort()
	return nil
}

// AddBroken records that package pkg does not load, with the error at
// posn ("" when it has no position).
func (s *Set) AddBroken(pkg, posn, message string) {
	s.addFailure(Failure{Package: pkg, Analyzer: LoadName, Posn: posn, Message: message})
	s.sort()
}

func (s *Set) addFailure(f Failure) {
	key := "failure\x00" + f.Analyzer + "\x00" + f.Posn + "\x00" + f.Message
	if !s.seen[key] {
		s.seen[key] = true
		s.Failures = append(s.Failures, f)
	}
}

func (s *Set) sort() {
	slices.SortStableFunc(s.Findings, func(a, b Finding) int {
		return cmp.Or(
			source.Compare(source.ParsePosition(a.Posn), source.ParsePosition(b.Posn)),
			strings.Compare(a.Analyzer, b.Analyzer),
			strings.Compare(a.Message, b.Message))
	})
	slices.SortStableFunc(s.Failures, func(a, b Failure) int {
		return cmp.Or(strings.Compare(a.Package, b.Package), strings.Compare(a.Analyzer, b.Analyzer),
			source.Compare(source.ParsePosition(a.Posn), source.ParsePosition(b.Posn)), strings.Compare(a.Message, b.Message))
	})
}

// Broken reports whether some package did not load.
func (s *Set) Broken() bool {
	for _, f := range s.Failures {
		if f.Analyzer == LoadName {
			return true
		}
	}
	return false
}

func (f Finding) key() string {
	return f.Analyzer + "\x00" + f.Posn + "\x00" + f.End + "\x00" + f.Message
}

// TextOptions are the choices of text output.
type TextOptions struct {
	// Dir is the directory that paths are shown relative to, when they
	// lie below it ("" shows them as they are).
	Dir string
	// Context is the number of source lines to show around each finding;
	// negative shows none.
	Context int
}

// PrintText prints each finding as
//
//	file:line:col: message (analyzer)
//
// with ", cleanup" after the analyzer name for a cleanup, then its related
// positions indented. Related positions that share a message are printed
// on one line. Packages that do not load are printed in the same form,
// under the name "load".
func (s *Set) PrintText(w io.Writer, o TextOptions) {
	lines := source.NewLines()
	show := func(posn, end string) string {
		p := source.ParsePosition(posn)
		shown := p
		shown.File = Relative(o.Dir, p.File)
		return shown.String()
	}
	context := func(posn, end string) {
		if o.Context < 0 {
			return
		}
		p, e := source.ParsePosition(posn), source.ParsePosition(end)
		if e.File != p.File || e.Line < p.Line {
			e = p
		}
		for i := p.Line - o.Context; i <= e.Line+o.Context; i++ {
			if line := lines.Line(p.File, i); line != nil {
				fmt.Fprintf(w, "%d\t%s\n", i, line)
			}
		}
	}
	for _, f := range s.Failures {
		if f.Analyzer != LoadName {
			continue
		}
		where := f.Package
		if f.Posn != "" {
			where = show(f.Posn, f.Posn)
		}
		fmt.Fprintf(w, "%s: %s (%s)\n", where, f.Message, LoadName)
	}
	for _, f := range s.Findings {
		label := f.Analyzer
		if f.Severity == severity.Cleanup {
			label += ", cleanup"
		}
		fmt.Fprintf(w, "%s: %s (%s)\n", show(f.Posn, f.End), f.Message, label)
		context(f.Posn, f.End)
		for i := 0; i < len(f.Related); {
			j := i + 1
			for j < len(f.Related) && f.Related[j].Message == f.Related[i].Message {
				j++
			}
			if j-i == 1 {
				fmt.Fprintf(w, "\t%s: %s\n", show(f.Related[i].Posn, f.Related[i].End), f.Related[i].Message)
				context(f.Related[i].Posn, f.Related[i].End)
			} else {
				var where []string
				for _, r := range f.Related[i:j] {
					where = append(where, show(r.Posn, r.End))
				}
				fmt.Fprintf(w, "\t%s at %d places: %s\n", f.Related[i].Message, j-i, strings.Join(where, ", "))
			}
			i = j
		}
	}
}

// PrintJSON prints the findings in the drivers' JSON form: package →
// analyzer → diagnostics, or {"error": message} for an analyzer that
// failed or, under "load", a package that does not load.
func (s *Set) PrintJSON(w io.Writer) error {
	tree := make(map[string]map[string]any)
	add := func(pkg, name string, v any) {
		if tree[pkg] == nil {
			tree[pkg] = make(map[string]any)
		}
		tree[pkg][name] = v
	}
	for _, f := range s.Failures {
		msg := f.Message
		if f.Analyzer == LoadName {
			msg = f.String()
		} else {
			msg = strings.TrimPrefix(msg, f.Analyzer+": ")
		}
		add(f.Package, f.Analyzer, map[string]string{"error": msg})
	}
	byPkg := make(map[string]map[string][]Finding)
	for _, f := range s.Findings {
		if byPkg[f.Package] == nil {
			byPkg[f.Package] = make(map[string][]Finding)
		}
		byPkg[f.Package][f.Analyzer] = append(byPkg[f.Package][f.Analyzer], f)
	}
	for pkg, m := range byPkg {
		for name, list := range m {
			add(pkg, name, list)
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// Relative returns file relative to dir when it lies below dir, and file
// otherwise.
func Relative(dir, file string) string {
	if dir == "" || !filepath.IsAbs(file) {
		return file
	}
	rel, err := filepath.Rel(dir, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return file
	}
	return rel
}
