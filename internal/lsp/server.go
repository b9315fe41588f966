package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"
)

// Serve runs `concvet lsp`, a language server of its own, on in and out
// until the client says exit or closes in. It returns the exit code.
func Serve(in io.Reader, out io.Writer, opts Options) int {
	s := &server{out: &writer{w: out}, pending: make(map[string]context.CancelFunc)}
	s.engine = newEngine(opts, s.publish)
	defer s.engine.close()
	r := newReader(in)
	for {
		msg, err := r.read()
		if ferr, ok := err.(*frameError); ok {
			s.engine.logf("%v", ferr)
			s.out.replyError(nil, ferr.code, ferr.msg)
			continue
		}
		if err != nil {
			if err != io.EOF {
				s.engine.logf("reading: %v", err)
			}
			s.wg.Wait()
			if s.shutdown {
				return 0
			}
			return 1
		}
		if msg.Method == "exit" {
			s.cancelAll()
			s.wg.Wait()
			if s.shutdown {
				return 0
			}
			return 1
		}
		s.handle(msg)
	}
}

type server struct {
	out      *writer
	engine   *engine
	shutdown bool
	wg       sync.WaitGroup

	mu      sync.Mutex
	pending map[string]context.CancelFunc // requests being answered, by ID
}

func (s *server) publish(uri string, version *int32, diags []Diagnostic) {
	s.out.notify("textDocument/publishDiagnostics", publishParams{URI: uri, Version: version, Diagnostics: diags})
}

func (s *server) handle(msg *message) {
	if msg.isResponse() || msg.Method == "" {
		return // no request of the server's awaits a reply
	}
	if s.shutdown && msg.isRequest() {
		s.out.replyError(msg.ID, codeInvalidRequest, "the server is shut down")
		return
	}
	switch msg.Method {
	case "initialize":
		s.engine.initialize(msg.Params)
		var p struct {
			InitializationOptions json.RawMessage `json:"initializationOptions"`
		}
		json.Unmarshal(msg.Params, &p)
		if settings, ok := settingsOf(p.InitializationOptions); ok {
			s.configure(settings)
		}
		s.out.reply(msg.ID, map[string]any{
			"capabilities": map[string]any{
				"textDocumentSync": map[string]any{
					"openClose": true,
					"change":    2, // incremental
					"save":      map[string]any{"includeText": false},
				},
				"codeActionProvider": map[string]any{"codeActionKinds": []string{"quickfix"}},
			},
			"serverInfo": map[string]any{"name": "concvet"},
		})
	case "textDocument/didOpen":
		s.engine.didOpen(msg.Params)
	case "textDocument/didChange":
		s.engine.didChange(msg.Params)
	case "textDocument/didSave":
		s.engine.didSave(msg.Params)
	case "textDocument/didClose":
		s.engine.didClose(msg.Params)
	case "workspace/didChangeConfiguration":
		var p struct {
			Settings json.RawMessage `json:"settings"`
		}
		json.Unmarshal(msg.Params, &p)
		if settings, ok := settingsOf(p.Settings); ok {
			s.configure(settings)
		}
	case "workspace/didChangeWorkspaceFolders":
		s.engine.changeFolders(msg.Params)
	case "textDocument/codeAction":
		var p codeActionParams
		if err := json.Unmarshal(msg.Params, &p); err != nil {
			s.out.replyError(msg.ID, codeInvalidParams, err.Error())
			return
		}
		ctx, cancel := context.WithCancel(context.Background())
		key := string(msg.ID)
		s.mu.Lock()
		s.pending[key] = cancel
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			// A fix for the version asked about needs its analysis:
			// wait for it, but not for ever (a go vet that downloads
			// modules may take long).
			wait, stop := context.WithTimeout(ctx, maxActionWait)
			actions := s.engine.codeActions(wait, p.TextDocument.URI, p.Range, p.Context.Only)
			stop()
			s.mu.Lock()
			delete(s.pending, key)
			s.mu.Unlock()
			if ctx.Err() != nil {
				s.out.replyError(msg.ID, codeRequestCancelled, "request cancelled")
			} else {
				s.out.reply(msg.ID, actions)
			}
			cancel()
		}()
	case "$/cancelRequest":
		var p struct {
			ID json.RawMessage `json:"id"`
		}
		json.Unmarshal(msg.Params, &p)
		s.mu.Lock()
		if cancel := s.pending[string(p.ID)]; cancel != nil {
			cancel()
		}
		s.mu.Unlock()
	case "shutdown":
		s.shutdown = true
		s.cancelAll()
		s.out.reply(msg.ID, nil)
	default:
		if msg.isRequest() {
			s.out.replyError(msg.ID, codeMethodNotFound, "method not supported: "+msg.Method)
		}
	}
}

func (s *server) cancelAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, cancel := range s.pending {
		cancel()
	}
}

// configure applies concvet's settings, or shows why it cannot.
func (s *server) configure(settings json.RawMessage) {
	if err := s.engine.configure(settings); err != nil {
		s.engine.logf("%v", err)
		s.out.notify("window/showMessage", map[string]any{"type": 1, "message": fmt.Sprint(err)})
	}
}

// maxActionWait bounds the wait of a code action request for the analysis
// of the version it is about.
const maxActionWait = 5 * time.Second

type codeActionParams struct {
	TextDocument struct {
		URI string `json:"uri"`
	} `json:"textDocument"`
	Range   Range `json:"range"`
	Context struct {
		Only []string `json:"only"`
	} `json:"context"`
}
