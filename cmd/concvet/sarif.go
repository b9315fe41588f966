package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/docs"
)

// The SARIF 2.1.0 subset that GitHub code scanning reads. Every property
// GitHub lists as required is present: rules with id, short and full
// descriptions and help; results with a message, a location with a
// relative path and a full region, and partialFingerprints so that alerts
// survive unrelated edits.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string          `json:"id"`
	ShortDescription sarifText       `json:"shortDescription"`
	FullDescription  sarifText       `json:"fullDescription"`
	Help             sarifText       `json:"help"`
	HelpURI          string          `json:"helpUri"`
	Properties       sarifProperties `json:"properties"`
}

type sarifProperties struct {
	Tags      []string `json:"tags"`
	Precision string   `json:"precision"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool          `json:"executionSuccessful"`
	WorkingDirectory    sarifArtifact `json:"workingDirectory"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	ID               int               `json:"id,omitempty"`
	Message          *sarifText        `json:"message,omitempty"`
	PhysicalLocation sarifPhysLocation `json:"physicalLocation"`
}

type sarifPhysLocation struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// printSARIF writes the findings as SARIF, with paths relative to the
// working directory (run it from the repository root, as code scanning
// expects).
func printSARIF(w io.Writer, findings []finding, selected []*analysis.Analyzer, succeeded bool) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "concvet",
			InformationURI: docs.Repository,
		}},
		Invocations: []sarifInvocation{{
			ExecutionSuccessful: succeeded,
			WorkingDirectory:    sarifArtifact{URI: "file://" + filepath.ToSlash(wd) + "/"},
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	index := make(map[string]int)
	for _, a := range selected {
		index[a.Name] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(a))
	}

	lines := newLineCache()
	location := func(posn, end string) sarifPhysLocation {
		p, e := parsePosn(posn), parsePosn(end)
		if e.file != p.file || e.line < p.line {
			e = p
		}
		return sarifPhysLocation{
			ArtifactLocation: sarifArtifact{URI: relative(wd, p.file), URIBaseID: "%SRCROOT%"},
			Region:           lines.region(p.file, p.line, p.col, e.line, e.col),
		}
	}
	for _, f := range findings {
		loc := location(f.Posn, f.End)
		p := parsePosn(f.Posn)
		res := sarifResult{
			RuleID:    f.analyzer,
			RuleIndex: index[f.analyzer],
			Level:     "warning",
			Message:   sarifText{f.Message},
			Locations: []sarifLocation{{PhysicalLocation: loc}},
			PartialFingerprints: map[string]string{
				// The rule, the file, the message and the text of the
				// line: stable when lines above move.
				"concvetLineHash/v1": fingerprint(f.analyzer, loc.ArtifactLocation.URI, f.Message, lines.text(p.file, p.line)),
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

// rule describes analyzer a: its doc's summary line, its whole doc, and its
// page.
func rule(a *analysis.Analyzer) sarifRule {
	short, full, _ := strings.Cut(a.Doc, "\n")
	full = strings.TrimSpace(full)
	if full == "" {
		full = short
	}
	tags := []string{"concurrency"}
	if e, ok := analyzers.Lookup(a.Name); ok {
		tags = append(tags, string(e.Category))
	}
	return sarifRule{
		ID:               a.Name,
		ShortDescription: sarifText{short},
		FullDescription:  sarifText{full},
		Help:             sarifText{short + ". What it reports, when it stays silent and how to fix it: " + a.URL},
		HelpURI:          a.URL,
		Properties:       sarifProperties{Tags: tags, Precision: "high"},
	}
}

// relative returns filename relative to dir, with forward slashes, or the
// file URI of filename when it lies outside dir.
func relative(dir, filename string) string {
	rel, err := filepath.Rel(dir, filename)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "file://" + filepath.ToSlash(filename)
	}
	return filepath.ToSlash(rel)
}

func fingerprint(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(strings.TrimSpace(p)))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// lineCache reads source files once, to turn byte columns into the code
// point columns SARIF counts, and to fingerprint a line's text.
type lineCache map[string][][]byte

func newLineCache() lineCache { return make(lineCache) }

func (c lineCache) line(file string, n int) []byte {
	lines, ok := c[file]
	if !ok {
		data, _ := os.ReadFile(file)
		lines = bytes.Split(data, []byte("\n"))
		c[file] = lines
	}
	if n < 1 || n > len(lines) {
		return nil
	}
	return lines[n-1]
}

func (c lineCache) text(file string, n int) string { return string(c.line(file, n)) }

// column converts a 1-based byte column of line n into a 1-based code
// point column.
func (c lineCache) column(file string, n, col int) int {
	line := c.line(file, n)
	if col < 1 || col-1 > len(line) {
		return max(col, 1)
	}
	return utf8.RuneCount(line[:col-1]) + 1
}

func (c lineCache) region(file string, line, col, endLine, endCol int) sarifRegion {
	return sarifRegion{
		StartLine:   line,
		StartColumn: c.column(file, line, col),
		EndLine:     endLine,
		EndColumn:   c.column(file, endLine, endCol),
	}
}
