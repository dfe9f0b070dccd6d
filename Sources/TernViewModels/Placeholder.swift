public enum TernViewModels {}
