// Package suppress implements concvet's suppression comments:
//
//	//concvet:ignore NAME[,NAME...] reason
//
// on the line of a diagnostic, or alone on the line above it, silences the
// named analyzers there. A suppression must give a reason, and must
// suppress something: a stale one hides the next real finding on its
// line, so both mistakes are reported. The analyzer a comment names reports
// it when it suppresses nothing; the Checker reports every other mistake.
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
// and suppress nothing: only a knows that. Everything else that can be
// wrong with a comment is reported by the Checker, once.
func Wrap(a *analysis.Analyzer) *analysis.Analyzer {
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
				if dir.file == posn.Filename && dir.line == posn.Line && contains(dir.names, a.Name) {
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
			if contains(dir.names, a.Name) && !dir.used {
				report(analysis.Diagnostic{Pos: dir.pos, Category: a.Name, Message: "concvet:ignore " + a.Name + " suppresses nothing here; remove it"})
			}
		}
		return result, nil
	}
	return &w
}

// CheckerName is the name of the analyzer that Checker returns.
const CheckerName = "ignorecheck"

// Checker returns the analyzer that reports the suppression comments that
// name no analyzer, name one that known does not know, or give no reason.
// It runs whatever analyzers are selected, so that a comment is checked
// even when the analyzers it names are turned off.
func Checker(known func(string) bool, doc, url string) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: CheckerName,
		Doc:  doc,
		URL:  url,
		Run: func(pass *analysis.Pass) (any, error) {
			for _, dir := range parse(pass) {
				var msg string
				switch {
				case dir.names == nil:
					msg = "concvet:ignore names no analyzer; write //concvet:ignore NAME reason"
				case unknown(dir.names, known) != "":
					msg = "concvet:ignore names unknown analyzer " + unknown(dir.names, known) + "; run concvet help for the list"
				case dir.reason == "":
					msg = "concvet:ignore " + strings.Join(dir.names, ",") + " needs a reason after the analyzer names, for the next reader"
				default:
					continue
				}
				pass.Report(analysis.Diagnostic{Pos: dir.pos, Message: msg})
			}
			return nil, nil
		},
	}
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
