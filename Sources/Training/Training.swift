public enum TrainingModule {}
