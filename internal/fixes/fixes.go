// Package fixes builds the text edits of concvet's suggested fixes: whole
// statements moved, deleted or inserted, keeping the file's indentation so
// that the result is already gofmt-clean.
package fixes

import (
	"bytes"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// Source returns the text of node as written.
func Source(pass *analysis.Pass, node ast.Node) ([]byte, bool) {
	content, tf, ok := file(pass, node.Pos())
	if !ok {
		return nil, false
	}
	start, end := tf.Offset(node.Pos()), tf.Offset(node.End())
	if start < 0 || end > len(content) || start > end {
		return nil, false
	}
	return content[start:end], true
}

// Indent returns the white space that precedes pos on its line, provided
// nothing else does.
func Indent(pass *analysis.Pass, pos token.Pos) (string, bool) {
	content, tf, ok := file(pass, pos)
	if !ok {
		return "", false
	}
	off := tf.Offset(pos)
	start := bytes.LastIndexByte(content[:off], '\n') + 1
	ws := content[start:off]
	if len(bytes.TrimLeft(ws, " \t")) != 0 {
		return "", false
	}
	return string(ws), true
}

// DeleteLine returns an edit that deletes stmt together with its line, when
// stmt is alone on its line (but for a trailing line comment, which goes with
// it).
func DeleteLine(pass *analysis.Pass, stmt ast.Node) (analysis.TextEdit, bool) {
	content, tf, ok := file(pass, stmt.Pos())
	if !ok {
		return analysis.TextEdit{}, false
	}
	start, end := tf.Offset(stmt.Pos()), tf.Offset(stmt.End())
	lineStart := bytes.LastIndexByte(content[:start], '\n') + 1
	if len(bytes.TrimLeft(content[lineStart:start], " \t")) != 0 {
		return analysis.TextEdit{}, false
	}
	rest := content[end:]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return analysis.TextEdit{}, false
	}
	if tail := bytes.TrimSpace(rest[:nl]); len(tail) != 0 && !bytes.HasPrefix(tail, []byte("//")) {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{
		Pos: tf.Pos(lineStart),
		End: tf.Pos(end + nl + 1),
	}, true
}

// InsertLineBefore returns an edit that inserts text as a line of its own
// before the statement at pos, with that statement's indentation.
func InsertLineBefore(pass *analysis.Pass, pos token.Pos, text string) (analysis.TextEdit, bool) {
	indent, ok := Indent(pass, pos)
	if !ok {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text + "\n" + indent)}, true
}

func file(pass *analysis.Pass, pos token.Pos) ([]byte, *token.File, bool) {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return nil, nil, false
	}
	content, err := pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(content) {
		return nil, nil, false
	}
	return content, tf, true
}

// InsertLineAfter returns an edit that inserts text as a line of its own
// after stmt, with stmt's indentation, when stmt ends its line (but for a
// trailing comment, which stays with stmt).
func InsertLineAfter(pass *analysis.Pass, stmt ast.Node, text string) (analysis.TextEdit, bool) {
	content, tf, ok := file(pass, stmt.Pos())
	if !ok {
		return analysis.TextEdit{}, false
	}
	indent, ok := Indent(pass, stmt.Pos())
	if !ok {
		return analysis.TextEdit{}, false
	}
	end := tf.Offset(stmt.End())
	nl := bytes.IndexByte(content[end:], '\n')
	if nl < 0 {
		return analysis.TextEdit{}, false
	}
	if tail := bytes.TrimSpace(content[end : end+nl]); len(tail) != 0 && !bytes.HasPrefix(tail, []byte("//")) {
		return analysis.TextEdit{}, false
	}
	at := tf.Pos(end + nl)
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n" + indent + text)}, true
}

// Defers reports whether n contains a defer statement of its own function
// (those of nested function literals do not count). Moving a release to a
// defer is exact only when no other defer would then run before it.
func Defers(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.DeferStmt:
			found = true
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}
