// Package lsp is concvet's language server: `concvet lsp`, a server of its
// own beside gopls, and `concvet gopls`, a proxy that runs the user's gopls
// and adds concvet's diagnostics and quick fixes to what it publishes.
//
// Both follow the editor's buffers: open documents are analyzed through
// `go vet -vettool=concvet` with the buffers as an -overlay, so that the
// facts of dependencies come from the build cache, as in the command-line
// tool; an analysis starts a short pause after the last change and is
// cancelled when a newer change supersedes it.
package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// maxContentLength bounds the body of one message: a longer one is
// refused, not allocated.
const maxContentLength = 64 << 20

// JSON-RPC error codes.
const (
	codeParseError       = -32700
	codeInvalidRequest   = -32600
	codeMethodNotFound   = -32601
	codeInvalidParams    = -32602
	codeRequestCancelled = -32800
)

// A message is one JSON-RPC message, request, notification or response.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   json.RawMessage `json:"error,omitempty"`

	raw []byte // the body as read, forwarded unchanged by the proxy
}

func hasID(id json.RawMessage) bool { return len(id) > 0 && string(id) != "null" }

func (m *message) isRequest() bool  { return m.Method != "" && hasID(m.ID) }
func (m *message) isResponse() bool { return m.Method == "" && hasID(m.ID) }

// A frameError is a message the stream survives: it is answered with a
// JSON-RPC error and reading goes on.
type frameError struct {
	code int
	msg  string
}

func (e *frameError) Error() string { return e.msg }

// A reader reads base-protocol messages: headers, a blank line, and
// Content-Length bytes of JSON.
type reader struct {
	r      *bufio.Reader
	resync bool // the last header could not be trusted: skip to the next Content-Length
}

func newReader(r io.Reader) *reader { return &reader{r: bufio.NewReader(r)} }

const contentLength = "Content-Length:"

// read returns the next message, a *frameError for a message that was
// skipped, or the error that ended the stream (io.EOF at its end).
func (r *reader) read() (*message, error) {
	length := int64(-1)
	sawHeader := false
	if r.resync {
		r.resync = false
		if err := r.skipToHeader(); err != nil {
			return nil, err
		}
		line, err := r.r.ReadString('\n')
		if err != nil {
			return nil, eofOr(err)
		}
		length = parseLength(line)
		sawHeader = true
		if length < 0 {
			r.resync = true
			return nil, &frameError{codeParseError, fmt.Sprintf("bad Content-Length %q", strings.TrimSpace(line))}
		}
	}
	for {
		line, err := r.r.ReadString('\n')
		if err != nil {
			if err == io.EOF && line == "" && !sawHeader {
				return nil, io.EOF
			}
			return nil, eofOr(err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if !sawHeader {
				continue // stray blank lines between messages
			}
			break
		}
		sawHeader = true
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			length = parseLength(value)
			if length < 0 {
				r.resync = true
				return nil, &frameError{codeParseError, fmt.Sprintf("bad Content-Length %q", strings.TrimSpace(value))}
			}
		}
	}
	if length < 0 {
		return nil, &frameError{codeParseError, "message without Content-Length"}
	}
	if length > maxContentLength {
		// The body cannot be read, and there is no telling where it
		// ends: look for the next header instead.
		r.resync = true
		return nil, &frameError{codeInvalidRequest, fmt.Sprintf("message of %d bytes refused: the limit is %d", length, maxContentLength)}
	}
	data := make([]byte, length)
	if _, err := io.ReadFull(r.r, data); err != nil {
		return nil, eofOr(err)
	}
	msg := new(message)
	if err := json.Unmarshal(data, msg); err != nil {
		return nil, &frameError{codeParseError, "malformed message: " + err.Error()}
	}
	msg.raw = data
	return msg, nil
}

// parseLength reads a Content-Length value; -1 if it is not one.
func parseLength(v string) int64 {
	v = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), contentLength))
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// skipToHeader discards input up to and including the next
// "Content-Length:".
func (r *reader) skipToHeader() error {
	var window []byte
	for {
		b, err := r.r.ReadByte()
		if err != nil {
			return eofOr(err)
		}
		window = append(window, b)
		if len(window) > len(contentLength) {
			window = window[1:]
		}
		if string(window) == contentLength {
			return nil
		}
	}
}

func eofOr(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return io.EOF
	}
	return err
}

// A writer writes whole messages, one at a time.
type writer struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *writer) writeRaw(data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(data))
	buf.Write(data)
	_, err := w.w.Write(buf.Bytes())
	return err
}

func (w *writer) write(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return w.writeRaw(data)
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (w *writer) reply(id json.RawMessage, result any) error {
	if result == nil {
		result = json.RawMessage("null")
	}
	return w.write(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Result  any             `json:"result"`
	}{"2.0", id, result})
}

func (w *writer) replyError(id json.RawMessage, code int, text string) error {
	if !hasID(id) {
		id = json.RawMessage("null")
	}
	return w.write(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   rpcError        `json:"error"`
	}{"2.0", id, rpcError{code, text}})
}

func (w *writer) notify(method string, params any) error {
	return w.write(struct {
		JSONRPC string `json:"jsonrpc"`
		Method  string `json:"method"`
		Params  any    `json:"params"`
	}{"2.0", method, params})
}

// The protocol's types, as much of them as concvet uses.

type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

type Location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

type DiagnosticRelatedInformation struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

type CodeDescription struct {
	Href string `json:"href"`
}

type Diagnostic struct {
	Range              Range                          `json:"range"`
	Severity           int                            `json:"severity"`
	Code               string                         `json:"code"`
	CodeDescription    *CodeDescription               `json:"codeDescription,omitempty"`
	Source             string                         `json:"source"`
	Message            string                         `json:"message"`
	RelatedInformation []DiagnosticRelatedInformation `json:"relatedInformation,omitempty"`
}

type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

type VersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version int32  `json:"version"`
}

type TextDocumentEdit struct {
	TextDocument VersionedTextDocumentIdentifier `json:"textDocument"`
	Edits        []TextEdit                      `json:"edits"`
}

type WorkspaceEdit struct {
	Changes         map[string][]TextEdit `json:"changes,omitempty"`
	DocumentChanges []TextDocumentEdit    `json:"documentChanges,omitempty"`
}

type CodeAction struct {
	Title       string        `json:"title"`
	Kind        string        `json:"kind"`
	Diagnostics []Diagnostic  `json:"diagnostics"`
	Edit        WorkspaceEdit `json:"edit"`
}

type publishParams struct {
	URI         string       `json:"uri"`
	Version     *int32       `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

func before(a, b Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}
