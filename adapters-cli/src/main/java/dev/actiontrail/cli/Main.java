package dev.actiontrail.cli; public class Main { public static void main(String[] a) {} }
