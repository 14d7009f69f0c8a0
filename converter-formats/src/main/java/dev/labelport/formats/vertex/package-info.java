package dev.labelport.formats.vertex;
