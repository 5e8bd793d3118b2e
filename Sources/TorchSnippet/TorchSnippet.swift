public enum TorchSnippetModule {}
