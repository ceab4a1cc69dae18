package org.syncspool.config.xml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Records, for every {@link Located} DTO, the element name and the parser position at the moment
 * Jackson creates it.
 *
 * <p>Why a value instantiator and not a wrapping deserializer: jackson-dataformat-xml only
 * handles unwrapped lists ({@code <remote/><remote/>}) when the bean deserializer it sees is a
 * {@code BeanDeserializerBase}; a wrapper registered by a later module hides it and breaks lists.
 * Swapping the instantiator leaves the deserializer as it is.
 *
 * <p>The position is the start of the element's first attribute or child (Jackson has already
 * read its first token): for an element with attributes that is its own start tag, for one
 * without, its first child. {@link XmlOutline#locate} maps either back to the start tag.
 */
final class LocationCapture {
  private LocationCapture() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("syncspool-locations");
    module.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public BeanDeserializerBuilder updateBuilder(
          DeserializationConfig config, BeanDescription desc, BeanDeserializerBuilder builder) {
        if (Located.class.isAssignableFrom(desc.getBeanClass())) {
          builder.setValueInstantiator(new Instantiator(builder.getValueInstantiator()));
        }
        return builder;
      }
    });
    return module;
  }

  private static final class Instantiator extends ValueInstantiator.Delegating {
    private static final long serialVersionUID = 1L;

    Instantiator(ValueInstantiator delegate) {
      super(delegate);
    }

    @Override
    public ValueInstantiator createContextual(DeserializationContext ctxt, BeanDescription desc)
        throws JsonMappingException {
      ValueInstantiator d = delegate().createContextual(ctxt, desc);
      return d == delegate() ? this : new Instantiator(d);
    }

    @Override
    public Object createUsingDefault(DeserializationContext ctxt) throws IOException {
      return mark(super.createUsingDefault(ctxt), ctxt.getParser());
    }

    /** Empty elements ({@code <ssh/>}) come through here; Delegating does not forward it. */
    @Override
    public Object createUsingDefaultOrWithoutArguments(DeserializationContext ctxt)
        throws IOException {
      return createUsingDefault(ctxt);
    }
  }

  private static Object mark(Object bean, JsonParser p) {
    if (!(bean instanceof Located located) || p == null) {
      return bean;
    }
    JsonLocation loc = p.currentTokenLocation();
    JsonStreamContext ctx = p.getParsingContext();
    JsonToken t = p.currentToken();
    // Inside the element's own object the name is the parent's "current name"; for an empty
    // element (a VALUE_STRING "") the current context is already the parent. Lists add an
    // unnamed array level: skip it.
    if (ctx != null && (t == JsonToken.FIELD_NAME || t == JsonToken.START_OBJECT
        || t == JsonToken.END_OBJECT)) {
      ctx = ctx.getParent();
    }
    String name = null;
    while (ctx != null && name == null) {
      name = ctx.getCurrentName();
      ctx = ctx.getParent();
    }
    located.at(name == null ? "head" : name, loc.getLineNr(), loc.getColumnNr());
    return bean;
  }
}
