package slack_test

import (
	"context"
	"io"
	"iter"

	"github.com/goslack/slack"
)

// The signatures of the files rows of ../shared/DESIGN.md's "Beyond the seeds" table, checked at compile
// time.
var (
	_ func(context.Context, string, *slack.FilesInfoParams) (*slack.FilesInfoResponse, error) = contract.Files.Info
	_ func(context.Context, *slack.FilesListParams) (*slack.FilesListResponse, error)         = contract.Files.List
	_ func(context.Context, *slack.FilesListParams) iter.Seq2[slack.File, error]              = contract.Files.ListAll
	_ func(context.Context, string) error                                                     = contract.Files.Delete
	_ func(context.Context, string) (*slack.File, error)                                      = contract.Files.SharedPublicURL
	_ func(context.Context, string) (*slack.File, error)                                      = contract.Files.RevokePublicURL

	_ func(context.Context, string, int64, *slack.FilesGetUploadURLExternalParams) (*slack.FilesGetUploadURLExternalResponse, error) = contract.Files.GetUploadURLExternal
	_ func(context.Context, []slack.FileSummary, *slack.FilesCompleteUploadExternalParams) ([]slack.File, error)                     = contract.Files.CompleteUploadExternal
	_ func(context.Context, string, io.Reader, int64, *slack.FilesUploadParams) (*slack.File, error)                                 = contract.Files.Upload
)
