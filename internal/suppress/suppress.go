// Package suppress implements concvet's suppression comments:
//
//	//concvet:ignore NAME[,NAME...] reason
//
// on the line of a diagnostic, or alone on the line above it, silences the
// named analyzers there. A suppression must give a reason, and must
// suppress something: a stale one hides the next real finding on its
// line, so both mistakes are reported.
//
// Suppression works by wrapping each analyzer's Run, so it is honoured by
// every driver that runs the wrapped analyzers: standalone, go vet
// -vettool, go fix -fixtool and the golangci-lint plugin.
package suppress

import (
	"bytes"
	"go/ast"
	"go/token"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Prefix starts a suppression comment.
const Prefix = "//concvet:ignore"

// A directive is one suppression comment.
type directive struct {
	pos    token.Pos
	file   string
	line   int // the line it covers: its own, or the next when it is alone on its line
	names  []string
	reason string
	used   bool
}

// Wrap returns a copy of a whose diagnostics are dropped where a
// suppression comment names a. The copy reports the comments that name a
// and give no reason or suppress nothing; when reportUnknown is set, it
// also reports comments that name no analyzer known to known.
func Wrap(a *analysis.Analyzer, known func(string) bool, reportUnknown bool) *analysis.Analyzer {
	w := *a
	run := a.Run
	w.Run = func(pass *analysis.Pass) (any, error) {
		dirs := parse(pass)
		if len(dirs) == 0 {
			return run(pass)
		}
		report := pass.Report
		wrapped := *pass
		wrapped.Report = func(d analysis.Diagnostic) {
			posn := pass.Fset.Position(d.Pos)
			for _, dir := range dirs {
				if dir.file == posn.Filename && dir.line == posn.Line && dir.names != nil && contains(dir.names, a.Name) {
					dir.used = true
					return
				}
			}
			report(d)
		}
		result, err := run(&wrapped)
		if err != nil {
			return result, err
		}
		for _, dir := range dirs {
			switch {
			case reportUnknown && dir.names == nil:
				report(analysis.Diagnostic{Pos: dir.pos, Category: a.Name, Message: "concvet:ignore names no analyzer; write //concvet:ignore NAME reason"})
			case reportUnknown && unknown(dir.names, known) != "":
				report(analysis.Diagnostic{Pos: dir.pos, Category: a.Name, Message: "concvet:ignore names unknown analyzer " + unknown(dir.names, known) + "; run concvet help for the list"})
			case !contains(dir.names, a.Name):
			case dir.reason == "":
				report(analysis.Diagnostic{Pos: dir.pos, Category: a.Name, Message: "concvet:ignore " + a.Name + " needs a reason after the analyzer names, for the next reader"})
			case !dir.used:
				report(analysis.Diagnostic{Pos: dir.pos, Category: a.Name, Message: "concvet:ignore " + a.Name + " suppresses nothing here; remove it"})
			}
		}
		return result, nil
	}
	return &w
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

func unknown(names []string, known func(string) bool) string {
	for _, n := range names {
		if !known(n) {
			return n
		}
	}
	return ""
}

// parse finds the suppression comments of the package's files.
func parse(pass *analysis.Pass) []*directive {
	var dirs []*directive
	for _, f := range pass.Files {
		for _, group := range f.Comments {
			for _, c := range group.List {
				if dir := parseComment(pass, f, c); dir != nil {
					dirs = append(dirs, dir)
				}
			}
		}
	}
	return dirs
}

func parseComment(pass *analysis.Pass, f *ast.File, c *ast.Comment) *directive {
	rest, ok := strings.CutPrefix(c.Text, Prefix)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return nil
	}
	posn := pass.Fset.Position(c.Slash)
	dir := &directive{pos: c.Slash, file: posn.Filename, line: posn.Line}
	fields := strings.Fields(rest)
	if len(fields) > 0 {
		dir.names = strings.Split(fields[0], ",")
		dir.reason = strings.Join(fields[1:], " ")
	}
	if aloneOnLine(pass, c) {
		dir.line++
	}
	return dir
}

// aloneOnLine reports whether only white space precedes c on its line.
func aloneOnLine(pass *analysis.Pass, c *ast.Comment) bool {
	tf := pass.Fset.File(c.Slash)
	if tf == nil {
		return false
	}
	readFile := os.ReadFile
	if pass.ReadFile != nil {
		readFile = pass.ReadFile
	}
	content, err := readFile(tf.Name())
	if err != nil || tf.Size() != len(content) {
		return false
	}
	off := tf.Offset(c.Slash)
	start := bytes.LastIndexByte(content[:off], '\n') + 1
	return len(bytes.TrimSpace(content[start:off])) == 0
}
