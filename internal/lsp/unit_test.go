package lsp

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestApplyChangesUTF16(t *testing.T) {
	// "é" is 2 bytes and 1 UTF-16 unit; "😀" 4 bytes and 2 units.
	src := []byte("a😀é = 1\nsecond\n")
	r := &Range{Start: Position{0, 3}, End: Position{0, 4}} // the é
	got, err := applyChanges(src, []contentChange{{Range: r, Text: "e"}})
	if err != nil || string(got) != "a😀e = 1\nsecond\n" {
		t.Errorf("got %q, %v", got, err)
	}
	r = &Range{Start: Position{2, 0}, End: Position{2, 0}} // the end of the text
	got, err = applyChanges(src, []contentChange{{Range: r, Text: "third\n"}})
	if err != nil || string(got) != "a😀é = 1\nsecond\nthird\n" {
		t.Errorf("got %q, %v", got, err)
	}
	for _, bad := range []Range{{Start: Position{5, 0}, End: Position{5, 0}}, {Start: Position{0, 40}, End: Position{0, 41}}, {Start: Position{1, 2}, End: Position{1, 1}}} {
		if _, err := applyChanges(src, []contentChange{{Range: &bad, Text: "x"}}); err == nil {
			t.Errorf("change of %+v accepted", bad)
		}
	}
	tx := newText(src)
	if p, ok := tx.lineColumn(1, 6); !ok || p != (Position{0, 3}) { // byte column of é
		t.Errorf("lineColumn(1, 6) = %+v, %v", p, ok)
	}
	if _, ok := tx.position(2); ok { // inside the emoji
		t.Error("an offset inside a UTF-8 sequence converted")
	}
}

func TestNeutralize(t *testing.T) {
	src := []byte("package p\n//line other.go:10\nvar s = \"//line kept.go:1\"\n/*line x.go:1:1*/ var t int\n")
	got := neutralize("p.go", src)
	want := strings.NewReplacer("//line other", "//LINE other", "/*line x", "/*LINE x").Replace(string(src))
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	plain := []byte("package p\n")
	if out := neutralize("p.go", plain); &out[0] != &plain[0] {
		t.Error("a file without directives was copied")
	}
}

func TestVetFlags(t *testing.T) {
	flags, err := vetFlags(json.RawMessage(`{"enable":["unboundedgo"],"disable":["wgadd"],"options":{"goleak":{"main":true},"unboundedgo":{"accept":"true"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"-unboundedgo=true", "-wgadd=false", "-wgdone=true", "-goleak.main=true", "-unboundedgo.accept=true"} {
		if !slices.Contains(flags, f) {
			t.Errorf("flags %q lack %s", flags, f)
		}
	}
	for _, bad := range []string{
		`{"enable":["nosuch"]}`,
		`{"options":{"goleak":{"nosuch":1}}}`,
		`{"options":{"goleak":{"main":"maybe"}}}`,
		`{"options":{"goleak":{"main":[1]}}}`,
		`{"unknown":1}`,
		`[]`,
	} {
		if _, err := vetFlags(json.RawMessage(bad)); err == nil {
			t.Errorf("settings %s accepted", bad)
		}
	}
}

func TestReaderResync(t *testing.T) {
	in := "Content-Length: x\r\n\r\n{}Content-Length: 2\r\n\r\n{}" +
		"Content-Length: 99999999999\r\n\r\nzzzContent-Length: 14\r\n\r\n{\"method\":\"m\"}"
	r := newReader(strings.NewReader(in))
	var kinds []string
	for {
		msg, err := r.read()
		if err == io.EOF {
			break
		}
		if ferr, ok := err.(*frameError); ok {
			kinds = append(kinds, "error "+ferr.msg[:3])
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, "message "+msg.Method)
	}
	want := []string{"error bad", "message ", "error mes", "message m"}
	if !slices.Equal(kinds, want) {
		t.Errorf("read %q, want %q", kinds, want)
	}
	var buf bytes.Buffer
	(&writer{w: &buf}).replyError(nil, codeParseError, "x")
	if !strings.Contains(buf.String(), `"id":null`) {
		t.Errorf("error reply %s has no null id", buf.String())
	}
}

// TestSeverity: a bug is a Warning, a cleanup (an analyzer's own severity,
// or a diagnostic marked so) is Information.
func TestSeverity(t *testing.T) {
	for _, tc := range []struct {
		analyzer, category string
		want               int
	}{
		{"wgadd", "wgadd", 2},
		{"timerreset", "timerreset", 2},
		{"timerreset", "cleanup", 3},
		{"ctxfirst", "ctxfirst", 3},
	} {
		if got := severity(tc.analyzer, tc.category); got != tc.want {
			t.Errorf("severity(%q, %q) = %d, want %d", tc.analyzer, tc.category, got, tc.want)
		}
	}
}
