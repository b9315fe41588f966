package config

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// parseYAML reads the subset of YAML a configuration file needs: block
// mappings and sequences by indentation, flow sequences ([a, b]), and
// plain, single- or double-quoted scalars, with # comments. Plain scalars
// true, false and integers decode as bool and int. Anything else (anchors,
// tags, multi-line strings, flow mappings, several documents) is an error
// rather than a guess. Errors start with a line number.
func parseYAML(data []byte) (any, error) {
	var lines []yamlLine
	for i, raw := range bytes.Split(data, []byte("\n")) {
		text := strings.TrimRight(string(raw), " \r")
		if i == 0 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		content := strings.TrimLeft(text, " ")
		if strings.HasPrefix(content, "\t") {
			return nil, fmt.Errorf("%d: indent with spaces, not tabs", i+1)
		}
		content = stripComment(content)
		if content == "" || content == "---" && len(lines) == 0 {
			continue
		}
		lines = append(lines, yamlLine{num: i + 1, indent: len(text) - len(strings.TrimLeft(text, " ")), text: content})
	}
	if len(lines) == 0 {
		return nil, nil
	}
	p := &yamlParser{lines: lines}
	v, err := p.block(lines[0].indent)
	if err != nil {
		return nil, err
	}
	if p.i < len(p.lines) {
		return nil, fmt.Errorf("%d: unexpected indentation", p.lines[p.i].num)
	}
	return v, nil
}

type yamlLine struct {
	num    int
	indent int
	text   string
}

type yamlParser struct {
	lines []yamlLine
	i     int
}

// block parses the mapping or sequence whose entries start at indent.
func (p *yamlParser) block(indent int) (any, error) {
	first := p.lines[p.i]
	if first.text == "-" || strings.HasPrefix(first.text, "- ") {
		var list []any
		for p.i < len(p.lines) && p.lines[p.i].indent == indent && (p.lines[p.i].text == "-" || strings.HasPrefix(p.lines[p.i].text, "- ")) {
			l := p.lines[p.i]
			item := strings.TrimSpace(strings.TrimPrefix(l.text, "-"))
			p.i++
			if item == "" {
				return nil, fmt.Errorf("%d: empty or nested list item; write - name", l.num)
			}
			if _, _, isKey := splitKey(item); isKey {
				return nil, fmt.Errorf("%d: a mapping inside a list is not part of the schema", l.num)
			}
			v, err := scalarValue(item, l.num)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	}
	m := make(map[string]any)
	for p.i < len(p.lines) && p.lines[p.i].indent == indent {
		l := p.lines[p.i]
		key, rest, ok := splitKey(l.text)
		if !ok {
			return nil, fmt.Errorf("%d: want key: value, not %q", l.num, l.text)
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("%d: key %q repeated", l.num, key)
		}
		p.i++
		if rest != "" {
			v, err := scalarValue(rest, l.num)
			if err != nil {
				return nil, err
			}
			m[key] = v
			continue
		}
		// A nested block, or an empty value.
		if p.i < len(p.lines) && p.lines[p.i].indent > indent {
			v, err := p.block(p.lines[p.i].indent)
			if err != nil {
				return nil, err
			}
			m[key] = v
		} else if p.i < len(p.lines) && p.lines[p.i].indent == indent && strings.HasPrefix(p.lines[p.i].text, "- ") {
			// A sequence may sit at its key's indentation.
			v, err := p.block(indent)
			if err != nil {
				return nil, err
			}
			m[key] = v
		} else {
			m[key] = nil
		}
	}
	if p.i < len(p.lines) && p.lines[p.i].indent > indent {
		return nil, fmt.Errorf("%d: unexpected indentation", p.lines[p.i].num)
	}
	return m, nil
}

// splitKey splits "key: rest" (rest may be empty).
func splitKey(s string) (key, rest string, ok bool) {
	if s == "" || s[0] == '"' || s[0] == '\'' || s[0] == '[' || s[0] == '{' {
		return "", "", false
	}
	i := strings.Index(s+" ", ": ")
	if j := strings.IndexByte(s, ':'); j == len(s)-1 {
		i = j
	}
	if i <= 0 || i > len(s)-1 {
		return "", "", false
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:]), true
}

// scalarValue parses a value on one line: a flow sequence or a scalar.
func scalarValue(s string, line int) (any, error) {
	switch {
	case strings.HasPrefix(s, "["):
		if !strings.HasSuffix(s, "]") {
			return nil, fmt.Errorf("%d: unterminated list %q", line, s)
		}
		inner := strings.TrimSpace(s[1 : len(s)-1])
		list := []any{}
		if inner == "" {
			return list, nil
		}
		for _, item := range splitFlow(inner) {
			item = strings.TrimSpace(item)
			if item == "" {
				return nil, fmt.Errorf("%d: empty list item in %q", line, s)
			}
			v, err := scalarValue(item, line)
			if err != nil {
				return nil, err
			}
			if _, nested := v.([]any); nested {
				return nil, fmt.Errorf("%d: nested lists are not part of the schema", line)
			}
			list = append(list, v)
		}
		return list, nil
	case strings.HasPrefix(s, "{"):
		return nil, fmt.Errorf("%d: write mappings as indented blocks, not {…}", line)
	case strings.HasPrefix(s, "&"), strings.HasPrefix(s, "*"), strings.HasPrefix(s, "!"),
		strings.HasPrefix(s, "|"), strings.HasPrefix(s, ">"):
		return nil, fmt.Errorf("%d: %q: anchors, aliases, tags and block strings are not supported", line, s)
	case strings.HasPrefix(s, `"`):
		v, err := strconv.Unquote(s)
		if err != nil {
			return nil, fmt.Errorf("%d: bad double-quoted string %s", line, s)
		}
		return v, nil
	case strings.HasPrefix(s, "'"):
		if len(s) < 2 || !strings.HasSuffix(s, "'") {
			return nil, fmt.Errorf("%d: bad single-quoted string %s", line, s)
		}
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'"), nil
	}
	switch s {
	case "true", "True", "TRUE":
		return true, nil
	case "false", "False", "FALSE":
		return false, nil
	case "~", "null", "Null", "NULL":
		return nil, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, nil
	}
	return s, nil
}

// splitFlow splits the items of a flow sequence at commas outside quotes.
func splitFlow(s string) []string {
	var items []string
	start, quote := 0, byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == ',':
			items = append(items, s[start:i])
			start = i + 1
		}
	}
	return append(items, s[start:])
}

// stripComment removes a # comment: at the start, or after white space
// outside quotes.
func stripComment(s string) string {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i == 0 || s[i-1] == ' ' || s[i-1] == '[' || s[i-1] == ',' {
				quote = c
			}
		case c == '#' && (i == 0 || s[i-1] == ' '):
			return strings.TrimRight(s[:i], " ")
		}
	}
	return s
}
