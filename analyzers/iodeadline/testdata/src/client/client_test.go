package client

import (
	"net/http"
	"testing"
)

// Tests talk to servers they start, under the test's own timeout.
func TestFetch(t *testing.T) {
	c := &http.Client{}
	c.Get("http://127.0.0.1:1/")
}
