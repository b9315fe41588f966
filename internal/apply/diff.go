package apply

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/concvet/concvet/internal/results"
)

// PrintDiff prints the changes as a unified diff, with paths relative to
// dir where they lie below it.
func (p *Plan) PrintDiff(w io.Writer, dir string) {
	for _, c := range p.Changes {
		name := filepath.ToSlash(results.Relative(dir, c.File))
		fmt.Fprintf(w, "--- %s\n+++ %s\n", name, name)
		unified(w, splitLines(c.Old), splitLines(c.New))
	}
}

func splitLines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// An op is one line of an edit script: ' ', '-' or '+'.
type op struct {
	kind byte
	text string
}

// script returns an edit script from a to b. Common head and tail are
// trimmed; the middle is a longest-common-subsequence diff, or a plain
// replacement when it is too large for the quadratic table.
func script(a, b []string) []op {
	var head, tail []op
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		head = append(head, op{' ', a[0]})
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		tail = append([]op{{' ', a[len(a)-1]}}, tail...)
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	var mid []op
	if len(a)*len(b) > 4_000_000 {
		for _, l := range a {
			mid = append(mid, op{'-', l})
		}
		for _, l := range b {
			mid = append(mid, op{'+', l})
		}
	} else {
		// lcs[i][j] is the LCS length of a[i:] and b[j:].
		lcs := make([][]int32, len(a)+1)
		for i := range lcs {
			lcs[i] = make([]int32, len(b)+1)
		}
		for i := len(a) - 1; i >= 0; i-- {
			for j := len(b) - 1; j >= 0; j-- {
				if a[i] == b[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(a) || j < len(b) {
			switch {
			case i < len(a) && j < len(b) && a[i] == b[j]:
				mid = append(mid, op{' ', a[i]})
				i, j = i+1, j+1
			case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
				mid = append(mid, op{'-', a[i]})
				i++
			default:
				mid = append(mid, op{'+', b[j]})
				j++
			}
		}
	}
	return append(append(head, mid...), tail...)
}

// unified prints the hunks of the diff from a to b with three lines of
// context.
func unified(w io.Writer, a, b []string) {
	const context = 3
	ops := script(a, b)
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: from context lines before the change to context lines
		// after the last change that is within 2*context of the next.
		start := max(i-context, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(end+context, len(ops))
				break
			}
			end = run
		}
		oldStart, newStart := 1, 1
		for _, o := range ops[:start] {
			if o.kind != '+' {
				oldStart++
			}
			if o.kind != '-' {
				newStart++
			}
		}
		var oldN, newN int
		var body bytes.Buffer
		for _, o := range ops[start:end] {
			if o.kind != '+' {
				oldN++
			}
			if o.kind != '-' {
				newN++
			}
			body.WriteByte(o.kind)
			body.WriteString(o.text)
			if !strings.HasSuffix(o.text, "\n") {
				body.WriteString("\n\\ No newline at end of file\n")
			}
		}
		fmt.Fprintf(w, "@@ -%s +%s @@\n%s", hunkRange(oldStart, oldN), hunkRange(newStart, newN), body.Bytes())
		i = end
	}
}

func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
