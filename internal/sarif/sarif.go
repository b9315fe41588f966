// Package sarif writes the results of a concvet run as a SARIF 2.1.0 log,
// as GitHub code scanning and other SARIF viewers read it.
//
// Paths are relative to a root directory, the repository or module root
// (Root), declared as the uriBaseId %SRCROOT% in originalUriBaseIds, so the
// log is the same from whichever directory concvet ran. Packages that do not
// load are tool execution notifications of level error, and the invocation
// is then marked unsuccessful; the log stays valid.
package sarif

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/results"
	"github.com/concvet/concvet/internal/severity"
	"github.com/concvet/concvet/internal/source"
)

// SrcRoot is the uriBaseId of relative paths.
const SrcRoot = "%SRCROOT%"

// Options say where the run happened and which concvet made it.
type Options struct {
	Root            string // absolute: paths below it are written relative to it
	WorkDir         string // absolute: the working directory of the run
	Version         string // the tool's version, e.g. "v0.3.0" or "(devel)"
	SemanticVersion string // the same as SemVer 2.0, without a leading v
}

// Root returns the directory that SARIF paths are relative to: the nearest
// directory at or above dir holding .git (the repository root, where code
// scanning resolves paths), or else holding go.mod, or else dir.
func Root(dir string) string {
	var module string
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && module == "" {
			module = d
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if module != "" {
		return module
	}
	return dir
}

// Write writes set as SARIF, with a rule for each selected analyzer.
func Write(w io.Writer, set *results.Set, selected []*analysis.Analyzer, o Options) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            "concvet",
			Version:         o.Version,
			SemanticVersion: o.SemanticVersion,
			InformationURI:  docs.Repository,
			Rules:           []sarifRule{},
		}},
		Invocations: []sarifInvocation{{
			ExecutionSuccessful: len(set.Failures) == 0,
			WorkingDirectory:    sarifArtifact{URI: dirURI(o.WorkDir)},
		}},
		OriginalURIBaseIDs: map[string]sarifArtifact{SrcRoot: {URI: dirURI(o.Root)}},
		ColumnKind:         "unicodeCodePoints",
		Results:            []sarifResult{},
	}
	index := make(map[string]int)
	addRule := func(name string) int {
		if i, ok := index[name]; ok {
			return i
		}
		index[name] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(name))
		return index[name]
	}
	for _, a := range selected {
		addRule(a.Name)
	}

	lines := source.NewLines()
	location := func(posn, end string) sarifPhysLocation {
		p, e := source.ParsePosition(posn), source.ParsePosition(end)
		if e.File != p.File || e.Line < p.Line {
			e = p
		}
		loc := sarifPhysLocation{ArtifactLocation: artifact(o.Root, p.File)}
		if p.Line > 0 {
			loc.Region = &sarifRegion{
				StartLine:   p.Line,
				StartColumn: lines.Column(p.File, p.Line, p.Col),
				EndLine:     e.Line,
				EndColumn:   lines.Column(p.File, e.Line, e.Col),
			}
		}
		return loc
	}
	for _, f := range set.Failures {
		n := sarifNotification{Level: "error", Message: sarifText{f.String()}}
		if f.Posn != "" {
			n.Locations = []sarifLocation{{PhysicalLocation: location(f.Posn, f.Posn)}}
		}
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications, n)
	}
	for _, f := range set.Findings {
		loc := location(f.Posn, f.End)
		p := source.ParsePosition(f.Posn)
		res := sarifResult{
			RuleID:    f.Analyzer,
			RuleIndex: addRule(f.Analyzer),
			Level:     f.Severity.SARIF(),
			Message:   sarifText{f.Message},
			Locations: []sarifLocation{{PhysicalLocation: loc}},
			PartialFingerprints: map[string]string{
				// The rule, the file, the message and the text of the
				// line: stable when lines above move.
				"concvetLineHash/v1": fingerprint(f.Analyzer, loc.ArtifactLocation.URI, f.Message, string(lines.Line(p.File, p.Line))),
			},
		}
		for i, rel := range f.Related {
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               i + 1,
				Message:          &sarifText{rel.Message},
				PhysicalLocation: location(rel.Posn, rel.End),
			})
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

// rule describes the named analyzer: its doc's summary line, its whole
// doc, its page and its severity.
func rule(name string) sarifRule {
	e, ok := analyzers.Lookup(name)
	if !ok { // not an analyzer of the suite
		return sarifRule{
			ID:                   name,
			ShortDescription:     sarifText{name},
			FullDescription:      sarifText{name},
			Help:                 sarifText{name},
			HelpURI:              docs.Repository,
			DefaultConfiguration: sarifConfig{Level: severity.Bug.SARIF()},
			Properties:           sarifProperties{Tags: []string{"concurrency"}, Precision: "high"},
		}
	}
	a := e.Analyzer
	short, full, _ := strings.Cut(a.Doc, "\n")
	full = strings.TrimSpace(full)
	if full == "" {
		full = short
	}
	return sarifRule{
		ID:                   a.Name,
		ShortDescription:     sarifText{short},
		FullDescription:      sarifText{full},
		Help:                 sarifText{short + ". What it reports, when it stays silent and how to fix it: " + a.URL},
		HelpURI:              a.URL,
		DefaultConfiguration: sarifConfig{Level: severity.Of(e.Severity, "").SARIF()},
		Properties:           sarifProperties{Tags: []string{"concurrency", string(e.Category)}, Precision: "high"},
	}
}

// artifact locates file: relative to root when it lies below it, by an
// absolute file URI otherwise. Both are percent-encoded.
func artifact(root, file string) sarifArtifact {
	if filepath.IsAbs(file) {
		if rel := results.Relative(root, file); rel != file {
			return sarifArtifact{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: SrcRoot}
		}
		return sarifArtifact{URI: fileURI(file)}
	}
	return sarifArtifact{URI: (&url.URL{Path: filepath.ToSlash(file)}).String(), URIBaseID: SrcRoot}
}

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// dirURI is the file URI of a directory, ending in a slash as SARIF
// requires of a base.
func dirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

func fingerprint(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(strings.TrimSpace(p)))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
