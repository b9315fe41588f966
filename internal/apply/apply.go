// Package apply applies the suggested fixes of a run's findings to the
// files, all or nothing, or prints them as a unified diff.
//
// Plan merges the first fix of each finding, in finding order. Edits that
// coincide exactly are made once (two test variants of a package suggest
// the same fix); a fix that overlaps one already accepted is left out
// whole, never half-applied. A Go file whose result does not parse stops
// everything. Write checks every target, writes each new content to a
// temporary file beside its target, and renames them into place only when
// all were written: when anything cannot be written, nothing changes.
package apply

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/concvet/concvet/internal/results"
)

// A Change is the new content of one file.
type Change struct {
	File     string
	Old, New []byte
}

// A Plan is the changes that the fixes make.
type Plan struct {
	Changes  []Change // in file order
	Applied  int      // fixes merged into Changes
	Skipped  int      // fixes left out because they overlap an applied one
	Unfixed  []results.Finding
	Fixed    []results.Finding
	editsFor map[string][]results.Edit
}

// NewPlan merges the fixes of findings. Findings without a fix are listed
// in Unfixed.
func NewPlan(findings []results.Finding) (*Plan, error) {
	p := &Plan{editsFor: make(map[string][]results.Edit)}
	content := make(map[string][]byte)
	for _, f := range findings {
		if len(f.SuggestedFixes) == 0 {
			p.Unfixed = append(p.Unfixed, f)
			continue
		}
		fix := f.SuggestedFixes[0]
		ok, err := p.accept(fix, content)
		if err != nil {
			return nil, fmt.Errorf("%s: fix %q: %v", f.Posn, fix.Message, err)
		}
		if ok {
			p.Applied++
			p.Fixed = append(p.Fixed, f)
		} else {
			p.Skipped++
			p.Unfixed = append(p.Unfixed, f)
		}
	}
	for _, file := range slices.Sorted(maps.Keys(p.editsFor)) {
		old := content[file]
		edits := p.editsFor[file]
		slices.SortFunc(edits, func(a, b results.Edit) int { return cmp.Or(a.Start-b.Start, a.End-b.End) })
		var buf bytes.Buffer
		last := 0
		for _, e := range edits {
			buf.Write(old[last:e.Start])
			buf.WriteString(e.New)
			last = e.End
		}
		buf.Write(old[last:])
		updated := buf.Bytes()
		if strings.HasSuffix(file, ".go") {
			if _, err := parser.ParseFile(token.NewFileSet(), file, updated, parser.SkipObjectResolution); err != nil {
				return nil, fmt.Errorf("the fixes would break %s: %v", file, err)
			}
			// Keep a gofmt-clean file gofmt-clean; leave others as they are.
			if formatted, err := format.Source(old); err == nil && bytes.Equal(formatted, old) {
				if f, err := format.Source(updated); err == nil {
					updated = f
				}
			}
		}
		if !bytes.Equal(updated, old) {
			p.Changes = append(p.Changes, Change{File: file, Old: old, New: updated})
		}
	}
	return p, nil
}

// accept adds the edits of fix unless one overlaps an edit already
// accepted (identical edits are one).
func (p *Plan) accept(fix results.Fix, content map[string][]byte) (bool, error) {
	var fresh []results.Edit
	for _, e := range fix.Edits {
		data, ok := content[e.Filename]
		if !ok {
			var err error
			data, err = os.ReadFile(e.Filename)
			if err != nil {
				return false, err
			}
			content[e.Filename] = data
		}
		if e.Start < 0 || e.End < e.Start || e.End > len(data) {
			return false, fmt.Errorf("edit [%d, %d) outside %s (%d bytes): the file changed since it was analyzed", e.Start, e.End, e.Filename, len(data))
		}
		dup := false
		for _, a := range p.editsFor[e.Filename] {
			switch {
			case a == e:
				dup = true
			case overlap(a, e):
				return false, nil
			}
		}
		for _, a := range fresh {
			if a != e && overlap(a, e) {
				return false, nil
			}
		}
		if !dup {
			fresh = append(fresh, e)
		}
	}
	for _, e := range fresh {
		p.editsFor[e.Filename] = append(p.editsFor[e.Filename], e)
	}
	return true, nil
}

// overlap reports whether two edits of a file touch the same bytes, or
// insert at the same place (their order would be a guess).
func overlap(a, b results.Edit) bool {
	if a.Filename != b.Filename {
		return false
	}
	if a.Start == b.Start {
		return true
	}
	return a.Start < b.End && b.Start < a.End
}

// Write writes the changes, all or nothing.
func (p *Plan) Write() error {
	type pending struct {
		change Change
		tmp    string
	}
	var done []pending
	cleanup := func() {
		for _, d := range done {
			os.Remove(d.tmp)
		}
	}
	for _, c := range p.Changes {
		fi, err := os.Stat(c.File)
		if err != nil {
			cleanup()
			return err
		}
		if fi.Mode().Perm()&0o200 == 0 {
			cleanup()
			return fmt.Errorf("%s is read-only; no file was changed", c.File)
		}
		current, err := os.ReadFile(c.File)
		if err != nil || !bytes.Equal(current, c.Old) {
			cleanup()
			return fmt.Errorf("%s changed during the run; no file was changed", c.File)
		}
		tmp, err := writeTemp(c.File, c.New, fi.Mode().Perm())
		if err != nil {
			cleanup()
			return fmt.Errorf("%v; no file was changed", err)
		}
		done = append(done, pending{c, tmp})
	}
	var errs []error
	for i, d := range done {
		if err := os.Rename(d.tmp, d.change.File); err != nil {
			errs = append(errs, err)
			for _, rest := range done[i+1:] {
				os.Remove(rest.tmp)
			}
			break
		}
	}
	return errors.Join(errs...)
}

func writeTemp(file string, data []byte, perm fs.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".concvet-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), perm)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
