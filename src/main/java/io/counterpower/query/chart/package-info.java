/**
 * Pictures of the indicators: a line chart of one indicator's series (with the stage at each date as
 * background bands and the license changes as markers) and a shields-style badge of a project's stage
 * and capture risk, both SVG. JFreeChart draws, JFreeSVG turns the drawing into SVG markup, the JDK's
 * XML API adds the accessible title: no markup is written by hand, so every text is escaped.
 */
package io.counterpower.query.chart;
