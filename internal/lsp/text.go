package lsp

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// A text is the contents of a document with the offset of each line, for
// conversions between byte offsets and LSP positions (0-based lines,
// UTF-16 columns).
type text struct {
	data  []byte
	lines []int // offset of the start of each line
}

func newText(data []byte) *text {
	t := &text{data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// position converts a byte offset; ok is false if it is out of range or
// inside a UTF-8 sequence.
func (t *text) position(offset int) (Position, bool) {
	if offset < 0 || offset > len(t.data) {
		return Position{}, false
	}
	line := searchLine(t.lines, offset)
	return t.positionIn(line, offset)
}

// lineColumn converts a 1-based line and 1-based byte column, as go/token
// prints them.
func (t *text) lineColumn(line, col int) (Position, bool) {
	if line < 1 || line > len(t.lines) || col < 1 {
		return Position{}, false
	}
	offset := t.lines[line-1] + col - 1
	end := len(t.data)
	if line < len(t.lines) {
		end = t.lines[line] // a position may be just past the line's last byte
	}
	if offset > end {
		return Position{}, false
	}
	return t.positionIn(line-1, offset)
}

func (t *text) positionIn(line, offset int) (Position, bool) {
	start := t.lines[line]
	if offset < len(t.data) && !utf8.RuneStart(t.data[offset]) {
		return Position{}, false
	}
	units := 0
	for _, r := range string(t.data[start:offset]) {
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return Position{Line: line, Character: units}, true
}

// offset converts an LSP position to a byte offset.
func (t *text) offset(p Position) (int, error) {
	if p.Line < 0 || p.Character < 0 {
		return 0, fmt.Errorf("negative position %d:%d", p.Line, p.Character)
	}
	if p.Line >= len(t.lines) {
		if p.Line == len(t.lines) && p.Character == 0 && len(t.data) > 0 && t.data[len(t.data)-1] == '\n' {
			return len(t.data), nil
		}
		return 0, fmt.Errorf("line %d is past the end (%d lines)", p.Line, len(t.lines))
	}
	start := t.lines[p.Line]
	end := len(t.data)
	if p.Line+1 < len(t.lines) {
		end = t.lines[p.Line+1] - 1 // the newline
	}
	units := 0
	for i, r := range string(t.data[start:end]) {
		if units >= p.Character {
			return start + i, nil
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	if units >= p.Character {
		return end, nil
	}
	return 0, fmt.Errorf("character %d is past the end of line %d", p.Character, p.Line)
}

func searchLine(lines []int, offset int) int {
	lo, hi := 0, len(lines)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if lines[mid] <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// A contentChange is one element of didChange's contentChanges: the whole
// text when Range is nil, a replacement of Range otherwise.
type contentChange struct {
	Range *Range `json:"range"`
	Text  string `json:"text"`
}

// applyChanges applies a didChange's changes in order.
func applyChanges(data []byte, changes []contentChange) ([]byte, error) {
	for _, c := range changes {
		if c.Range == nil {
			data = []byte(c.Text)
			continue
		}
		t := newText(data)
		start, err := t.offset(c.Range.Start)
		if err != nil {
			return nil, err
		}
		end, err := t.offset(c.Range.End)
		if err != nil {
			return nil, err
		}
		if end < start {
			return nil, fmt.Errorf("change range ends before it starts")
		}
		var buf bytes.Buffer
		buf.Grow(len(data) - (end - start) + len(c.Text))
		buf.Write(data[:start])
		buf.WriteString(c.Text)
		buf.Write(data[end:])
		data = buf.Bytes()
	}
	return data, nil
}
