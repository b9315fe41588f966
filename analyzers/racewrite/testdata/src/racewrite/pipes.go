package racewrite

import (
	"io"
	"strings"
)

// A decoder that reads its source on a goroutine of its own and hands the
// chunks over a channel: its Read waits for that goroutine.
type chunkReader struct{ chunks chan []byte }

func newChunkReader(src io.Reader) *chunkReader {
	r := &chunkReader{chunks: make(chan []byte)}
	go func() {
		buf := make([]byte, 512)
		for {
			n, err := src.Read(buf)
			if err != nil {
				close(r.chunks)
				return
			}
			r.chunks <- append([]byte(nil), buf[:n]...)
		}
	}()
	return r
}

func (r *chunkReader) Read(p []byte) (int, error) {
	b, ok := <-r.chunks
	if !ok {
		return 0, io.EOF
	}
	return copy(p, b), nil
}

// The writer's close ends the stream that the spawner reads to its end
// through a decoder built on the pipe's other end: the size is written
// before the close, read after the end of the stream.
func pipeThroughDecoder(input string) bool {
	pr, pw := io.Pipe()
	dec := newChunkReader(pr)
	var wantSize int64
	go func() {
		n, err := io.Copy(pw, strings.NewReader(input))
		if err != nil {
			return
		}
		wantSize = n
		pw.Close()
	}()
	gotSize, _ := io.Copy(io.Discard, dec)
	return wantSize == gotSize
}

// The same, reading the pipe itself.
func pipeRead(input string) int {
	pr, pw := io.Pipe()
	var wrote int
	go func() {
		wrote = len(input)
		io.WriteString(pw, input)
		pw.Close()
	}()
	b, _ := io.ReadAll(pr)
	return wrote + len(b)
}

// A standard reader waits for no goroutine: the read is not ordered after
// the write.
func plainReader(input string) int64 {
	var size int64
	go func() {
		size = int64(len(input)) // want `this goroutine writes size and its spawner reads size at line 76 with nothing ordering the two`
	}()
	n, _ := io.Copy(io.Discard, strings.NewReader(input))
	return size + n
}
