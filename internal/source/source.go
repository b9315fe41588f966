// Package source reads the lines of source files for the front ends: the
// context lines of text output, SARIF's code point columns and
// fingerprints, and LSP's UTF-16 columns.
package source

import (
	"bytes"
	"go/token"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Lines reads each file once and serves its lines.
type Lines struct {
	files map[string][][]byte
}

// NewLines returns an empty cache.
func NewLines() *Lines { return &Lines{files: make(map[string][][]byte)} }

// Line returns line n (1-based) of file, without its newline, or nil when
// the file cannot be read or has no such line.
func (c *Lines) Line(file string, n int) []byte {
	lines, ok := c.files[file]
	if !ok {
		data, _ := os.ReadFile(file)
		lines = bytes.Split(data, []byte("\n"))
		c.files[file] = lines
	}
	if n < 1 || n > len(lines) {
		return nil
	}
	return bytes.TrimSuffix(lines[n-1], []byte("\r"))
}

// Column converts a 1-based byte column of line n into a 1-based code
// point column.
func (c *Lines) Column(file string, n, col int) int {
	line := c.Line(file, n)
	if col < 1 || col-1 > len(line) {
		return max(col, 1)
	}
	return utf8.RuneCount(line[:col-1]) + 1
}

// UTF16Column converts a 1-based byte column of line n into the 0-based
// UTF-16 offset that LSP counts.
func (c *Lines) UTF16Column(file string, n, col int) int {
	line := c.Line(file, n)
	col = min(max(col-1, 0), len(line))
	units := 0
	for _, r := range string(line[:col]) {
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return units
}

// A Position is a file:line:col position as the analysis drivers print it.
type Position struct {
	File      string
	Line, Col int
}

// ParsePosition splits "file:line:col" (the file may itself hold colons).
// A string without line and column is returned as a file.
func ParsePosition(s string) Position {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return Position{File: s}
	}
	j := strings.LastIndexByte(s[:i], ':')
	if j < 0 {
		return Position{File: s}
	}
	line, err1 := strconv.Atoi(s[j+1 : i])
	col, err2 := strconv.Atoi(s[i+1:])
	if err1 != nil || err2 != nil {
		return Position{File: s}
	}
	return Position{s[:j], line, col}
}

func (p Position) String() string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// ComparePos orders two positions of fset by file name, then offset: the
// order of the source. token.Pos orders files as they were added to the
// file set, which a loader that parses a package's files in parallel
// (go/packages: the own runner, the editor) does in a different order each
// run, so an order by token.Pos across files is not deterministic there.
func ComparePos(fset *token.FileSet, a, b token.Pos) int {
	pa, pb := fset.PositionFor(a, false), fset.PositionFor(b, false)
	if c := strings.Compare(pa.Filename, pb.Filename); c != 0 {
		return c
	}
	return pa.Offset - pb.Offset
}

// Compare orders positions by file, then line, then column.
func Compare(a, b Position) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Col - b.Col
}
